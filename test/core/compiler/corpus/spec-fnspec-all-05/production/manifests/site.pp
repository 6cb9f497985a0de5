$a = [6,6,6]
$n = $a.all |$v| { true }
file { "$n": ensure => present }
