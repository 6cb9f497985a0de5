'abcd'.slice(2) |$a,$b| {
  file { "/file_${a}.${b}": ensure => present }
}
