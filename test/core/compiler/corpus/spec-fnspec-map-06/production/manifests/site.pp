$a = {'a'=>1,'b'=>2,'c'=>3}
$a.map |$x|{ $x[0]}.each |$k|{
    file { "/file_$k": ensure => present }
  }
