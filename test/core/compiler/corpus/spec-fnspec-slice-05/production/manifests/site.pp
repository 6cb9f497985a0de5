$a = {1=>present, 2=>present, 3=>absent}
$a.slice(2) |$a,$b| {
  file { "/file_${a[0]}.${b[0]}": ensure => $a[1] }
}
