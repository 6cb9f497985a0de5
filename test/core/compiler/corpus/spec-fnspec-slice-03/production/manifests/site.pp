$a = [1, present, 2, absent, 3, present]
$a.slice(2) |$k| {
  file { "/file_${$k[0]}": ensure => $k[1] }
}
