$a = [6,6,6]
$n = $a.all |$v| { undef }
file { "$n": ensure => present }
