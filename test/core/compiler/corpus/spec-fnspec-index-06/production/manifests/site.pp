$h = {1 => 10, 2 => 20, 3 => 30 }
$n = $h.index(20)
file { "$n": ensure => present }
