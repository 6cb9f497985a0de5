$a = Integer[1,4]
$a.slice(2) |$a,$b| {
  file { "/file_${a}.${b}": ensure => present }
}
