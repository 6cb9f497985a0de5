$a = [1, present, 2, present, 3, absent]
$a.slice(4) |$a, $b, $c, $d| {
  file { "/file_$a.$c": ensure => $b }
}
