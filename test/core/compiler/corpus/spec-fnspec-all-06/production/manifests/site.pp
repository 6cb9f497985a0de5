$a = [6,6,6]
$n = $a.all |$v| { 42 }
file { "$n": ensure => present }
