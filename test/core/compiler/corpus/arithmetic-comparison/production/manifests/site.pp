$a = 7
$b = 2
notify { 'math': message => [$a + $b, $a - $b, $a * $b, $a / $b, $a % $b, -$a, 1 << 3, 16 >> 2, 2.5 * 2, '3' + 4] }
notify { 'cmp': message => [$a > $b, $a < $b, $a >= 7, $b <= 1, 'abc' == 'ABC', 'a' != 'b', 'abc' < 'abd', 1 == 1.0] }
notify { 'logic': message => [true and false, true or false, !true, 'x' in ['x', 'y'], 'ell' in 'hello', 'k' in {'k' => 1}, 3 in [1, 2]] }
