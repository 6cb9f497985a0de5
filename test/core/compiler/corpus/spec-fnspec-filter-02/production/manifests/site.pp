$a = Integer[1,10]
$a.filter |$x|{ $x  % 3 == 0}.each |$v|{
  file { "/file_$v": ensure => present }
}
