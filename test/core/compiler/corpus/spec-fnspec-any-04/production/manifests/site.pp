$a = {'a'=>'ah','b'=>'be','c'=>'ce'}
$n = $a.any |$k, $v| { $v == 'be' }
file { "$n": ensure => present }
