$a = [1,2,3]
$n = $a.any |$v| { if $v == 1 { true } else { fail("unwanted") } }
file { "$n": ensure => present }
