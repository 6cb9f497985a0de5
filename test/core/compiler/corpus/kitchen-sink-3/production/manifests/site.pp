$h = { 'b' => 2, 'a' => 1, 'c' => 3 }
notify { 'iter': message => [
  $h.map |$k, $v| { "${k}=${v}" }, $h.filter |$k, $v| { $v > 1 }, $h.reduce(0) |$m, $kv| { $m + $kv[1] },
  $h.keys.sort, $h.values.sort, sort($h.keys), $h.map |$pair| { $pair[0] }, [['x', 1], ['y', 2]].map |$a, $b| { $a },
  $h.any |$k, $v| { $v == 3 }, $h.all |$k, $v| { $v > 0 }, [].reduce |$m, $v| { $m }, 3.map |$i| { $i },
  [1, 2, 3].filter |$i, $v| { $i > 0 }, unique([3, 1, 3, 'a', 'A']), flatten([]),
  with(1, 2) |*$rest| { $rest }, [1, [2, [3]]].flatten.map |$v| { $v * $v },
] }
notify { 'each-return': message => [1, 2].each |$v| { $v * 100 } }
$h.each |$k, $v| { notify { "h ${k}": message => $v } }
each({ 'z' => 26 }) |$pair| { notify { "pair ${pair[0]} ${pair[1]}": } }
