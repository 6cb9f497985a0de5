3.map |$x|{ $x*3}.each |$v|{
  file { "/file_$v": ensure => present }
}
