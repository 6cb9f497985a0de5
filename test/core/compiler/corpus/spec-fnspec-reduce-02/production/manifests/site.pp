$a = [1,2,3]
$b = $a.reduce |*$mx| { $mx[0] + $mx[1] }
file { "/file_$b": ensure => present }
