$a = [present, absent, present]
$a.each |$k,$v| {
  file { "/file_${$k+1}": ensure => $v }
}
