$a = [1,2,3]
$n = $a.index(3)
file { "$n": ensure => present }
