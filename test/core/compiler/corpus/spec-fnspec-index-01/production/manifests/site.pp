$a = [1,2,3]
$n = $a.index |$v| { $v == 2 }
file { "$n": ensure => present }
