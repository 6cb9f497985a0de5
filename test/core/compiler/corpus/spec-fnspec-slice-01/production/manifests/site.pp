$a = [1, present, 2, absent, 3, present]
$a.slice(2) |$k,$v| {
  file { "/file_${$k}": ensure => $v }
}
