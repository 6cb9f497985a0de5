$arr = ['a', 'b', 'c', 'd', 'e']
$h = { 'one' => 1, 'two' => 2, 'nested' => { 'x' => [10, 20] } }
notify { 'access': message => [$arr[0], $arr[-1], $arr[1, 2], $arr[-2, 2], $h['one'], $h['nested']['x'][1], $h['missing']] }
notify { 'ops': message => [$arr + ['f'], $arr - ['a', 'b'], $arr << 'g', $h + { 'three' => 3 }, $h - ['one']] }
notify { 'str': message => ['hello'[1], 'hello'[1, 3], 'hello'[-3, 2]] }
[$first, $second] = [1, 2]
notify { "destructure ${first} ${second}": }
