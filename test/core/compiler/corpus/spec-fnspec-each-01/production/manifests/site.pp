$a = [1,2,3]
$a.each |$v| {
  file { "/file_$v": ensure => present }
}
