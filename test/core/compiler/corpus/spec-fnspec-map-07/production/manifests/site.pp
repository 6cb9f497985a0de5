$a = {'a'=>1,'b'=>2,'c'=>3}
$a.map |$k,$v|{ file { "/file_$k": ensure => present }
  }
