$a = {0=>0,1=>2,2=>4}
$n = $a.all |$e| { $e[1] == $e[0]*2 }
file { "$n": ensure => present }
