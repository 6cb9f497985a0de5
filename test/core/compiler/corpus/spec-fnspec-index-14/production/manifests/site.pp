$a = [1,2,3]
$n = $a.index('blue')
file { "test": ensure => if $n =~ Undef { present } else {absent} }
