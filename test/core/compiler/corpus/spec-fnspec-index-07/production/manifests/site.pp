$s = "foobarfuu"
$n = $s.index |$v| { $v == 'o' }
file { "$n": ensure => present }
