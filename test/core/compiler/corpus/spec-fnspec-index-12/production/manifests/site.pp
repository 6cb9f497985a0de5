$a = [1,2,3]
$n = $a.index |$i, $v| { if $i == 0 { true } else { fail("unwanted") } }
file { "$n": ensure => present }
