$a = {0=>0,1=>2,2=>4}
$n = $a.all |$k,$v| { $v == $k*2 }
file { "$n": ensure => present }
