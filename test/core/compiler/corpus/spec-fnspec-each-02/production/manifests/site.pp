$a = [1,2,3]
each ($a) |$index, $v| {
  file { "/file_$v": ensure => present }
}
