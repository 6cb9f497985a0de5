$h = {1 => 10, 2 => 20, 3 => 30 }
$n = $h.index |$k, $v| { $k == 3 }
file { "$n": ensure => present }
