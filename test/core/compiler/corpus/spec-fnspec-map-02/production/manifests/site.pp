$a = Integer[1,3]
$a.map |$x|{ $x*2}.each |$v|{
  file { "/file_$v": ensure => present }
}
