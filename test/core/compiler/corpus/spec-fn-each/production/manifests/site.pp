$a = [1, 2, 3]
$a.each |$v| { notify { "array ${v}": } }
$a.each |$i, $v| { notify { "indexed ${i} ${v}": } }
$h = {'a' => 1, 'b' => 2}
$h.each |$e| { notify { "entry ${e[0]} ${e[1]}": } }
$h.each |$k, $v| { notify { "pair ${k} ${v}": } }
notify { 'returns': message => [1, 2].each |$x| { $x * 10 } }
notify { 'hash-returns': message => {'x' => 1}.each |$k, $v| { 0 } }
3.each |$i| { notify { "count ${i}": } }
'ab'.each |$c| { notify { "char ${c}": } }
