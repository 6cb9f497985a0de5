$users = { 'alice' => 1001, 'bob' => 1002 }
$users.each |$name, $uid| { user { $name: uid => $uid } }
['x', 'y'].each |$i, $v| { notify { "each ${i} ${v}": } }
$doubled = [1, 2, 3].map |$n| { $n * 2 }
$evens = [1, 2, 3, 4, 5, 6].filter |$n| { $n % 2 == 0 }
$sum = [1, 2, 3, 4].reduce |$memo, $n| { $memo + $n }
$sum10 = reduce([1, 2], 10) |$m, $n| { $m + $n }
$hf = $users.filter |$k, $v| { $v > 1001 }
$hm = $users.map |$pair| { $pair[0] }
notify { 'iter': message => [$doubled, $evens, $sum, $sum10, $hf, $hm] }
each([3]) |$v| { notify { "fn each ${v}": } }
$found = [1, 5, 9].any |$v| { $v > 4 }
$all = [1, 5, 9].all |$v| { $v > 0 }
notify { 'anyall': message => [$found, $all] }
