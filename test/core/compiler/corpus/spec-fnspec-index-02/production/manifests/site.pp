$a = [6,6,6]
$n = $a.index |$i, $v| { $i == 2 }
file { "$n": ensure => present }
