$a = [1,2,3]
$n = $a.reverse_each.index |$v| { $v == 1 }
file { "$n": ensure => present }
