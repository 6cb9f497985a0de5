$a = [1,2,3]
$n = $a.all |$v| { $v > 0 }
file { "$n": ensure => present }
