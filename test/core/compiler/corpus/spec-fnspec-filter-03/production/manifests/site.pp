$a = Integer[10,18]
$a.filter |$i, $x|{ $i  % 3 == 0}.each |$v|{
  file { "/file_$v": ensure => present }
}
