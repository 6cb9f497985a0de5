$a = [6,6,6]
$n = $a.any |$v| { undef }
file { "$n": ensure => present }
