$a = {'a'=>present,'b'=>absent,'c'=>present}
$a.each |$k, $v| {
  file { "/file_$k": ensure => $v }
}
