$a = [6,6,6]
$n = $a.any |$v| { false }
file { "$n": ensure => present }
