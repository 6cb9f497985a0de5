$s = "foobarfuub"
$n = $s.index('banana')
file { "test": ensure => if $n =~ Undef { present } else {absent} }
