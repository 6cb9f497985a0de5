$a = [1, 2, 3]
$n1 = $a.any |$v| { $v == 2 }
$n2 = $a.any |$i, $v| { $i == 2 }
$h = {'a'=>'ah','b'=>'be','c'=>'ce'}
$n3 = $h.any |$e| { $e[1] == 'be' }
$n4 = $h.any |$k, $v| { $v == 'be' }
$n5 = [1, 2].any |$v| { if $v == 1 { true } else { fail('unwanted') } }
$n6 = [false, 'x'].any |$v| { $v }
$n7 = [undef, undef].any |$v| { $v }
$n8 = [false, false].any |$v| { $v }
$n9 = {}.any |$k, $v| { true }
notify { 'any': message => [$n1, $n2, $n3, $n4, $n5, $n6, $n7, $n8, $n9] }
