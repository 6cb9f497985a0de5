$a = {'a'=>'ah','b'=>'be','c'=>'ce'}
$n = $a.any |$e| { $e[1] == 'be' }
file { "$n": ensure => present }
