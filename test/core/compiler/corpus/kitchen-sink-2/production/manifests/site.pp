notify { 'str': message => [
  'abc' < 'abd', 'B' == 'b', "x${1}y", 'ab'[5], 'abc'[-1], 'hello'[1, -2],
  sprintf('%5.1f|%-6d|%s', 3.14159, 42, [1, 'a']), sprintf('%o', 8), sprintf('%%'),
  split('a b  c', ' '), split('a b  c', /\s+/), join([], ','), upcase('straße'),
  regsubst('a.b.c', '\.', '-', 'G'), regsubst('AbC', 'b', 'x', 'I'), regsubst('line1\nline2', '^', '> ', 'G'),
] }
notify { 'arr': message => [[1, 2] + [3], [1, 2, 2] - [2], [[1, 2], [3]].flatten, [3, 1, 2].sort.reverse_each.map |$x| { $x }, [1, 2, 3][1, 5], [1, 2, 3][-2, 2], { 'a' => 1 } + { 'b' => 2, 'a' => 3 }, { 'a' => 1, 'b' => 2 } - 'a'] }
notify { 'num': message => [0.1 + 0.2, 10 / 2.5, 1e2, 0x10 + 010, 5 % -3, -5 % 3, abs(-0.5)] }
notify { 'bool': message => [!undef, undef == '', '' == undef, [] == [], {} == {}, 0 == false, 'true' == true] }
notify { 'empty': message => [empty(0), size('ümlaut'), length({ 'a' => 1 })] }
