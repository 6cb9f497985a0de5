$s = "foobarfuu"
$n = $s.index |$i, $v| { $i == 2 }
file { "$n": ensure => present }
