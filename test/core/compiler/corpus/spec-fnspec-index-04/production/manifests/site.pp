$h = {1 => 10, 2 => 20, 3 => 30 }
$n = $h.index |$v| { $v == 20 }
file { "$n": ensure => present }
