$a = [6,6,6]
$n = $a.any |$v| { true }
file { "$n": ensure => present }
