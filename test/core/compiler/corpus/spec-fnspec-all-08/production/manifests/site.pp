$a = [6,6,6]
$n = $a.all |$v| { false }
file { "$n": ensure => present }
