$a = 'each'
$b = [1,2,3]
call($a, $b) |$index, $v| {
  file { "/file_$v": ensure => present }
}
