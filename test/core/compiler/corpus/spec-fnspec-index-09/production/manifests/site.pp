$s = "foobarfuu"
$n = $s.index('fu')
file { "$n": ensure => present }
