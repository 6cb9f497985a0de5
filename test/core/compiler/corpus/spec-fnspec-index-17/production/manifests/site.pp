$s = "foobarfuub"
$n = $s.index() |$v| { false }
file { "test": ensure => if $n =~ Undef { present } else {absent} }
