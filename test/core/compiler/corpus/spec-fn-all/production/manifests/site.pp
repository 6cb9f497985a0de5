$a = [1, 2, 3]
$n1 = $a.all |$v| { $v > 0 }
$n2 = $a.all |$i, $v| { $i + $v > 0 }
$h = {'a'=>'ah','b'=>'be','c'=>'ce'}
$n3 = $h.all |$e| { $e[1] =~ /e/ }
$n4 = $h.all |$k, $v| { $v =~ /h/ }
$n5 = [true, true].all |$v| { $v }
$n6 = ['x', 1].all |$v| { $v }
$n7 = [undef, undef].all |$v| { $v }
$n8 = [false, true].all |$v| { $v }
$n9 = [].all |$v| { false }
notify { 'all': message => [$n1, $n2, $n3, $n4, $n5, $n6, $n7, $n8, $n9] }
