$a = [0,2,4]
$n = $a.all |$i, $v| { $v == $i * 2 }
file { "$n": ensure => present }
