$a = [1,2,3]
$n = $a.any |$v| { $v == 2 }
file { "$n": ensure => present }
