$a = [1, present, 2, absent, 3, present]
$a.slice(2) |*$kv| {
  file { "/file_${$kv[0]}": ensure => $kv[1] }
}
