$h = { 'a' => { 'b' => [1, 2] } }
notify { 'digests': message => [sha1('x'), md5('x'), sha256('x')] }
notify { 'numbers': message => [round(2.5), round(-2.5), ceiling(1.2), floor(-1.2)] }
notify { 'strings': message => [chop('abc'), camelcase('foo_bar_baz'), shellquote('a b', "it's", 'plain'), 'abc123'.match(/([a-z]+)(\d+)/), compare('a', 'B'), compare(2, 1)] }
notify { 'access': message => [getvar('h.a.b.1'), get($h, 'a.b.0'), $h.get('a.missing', 'dflt'), getvar('nope', 'd')] }
notify { 'flow': message => [undef.then |$x| { 'never' }, 5.then |$x| { $x * 2 }, undef.lest || { 'fallback' }, type(1), type('s')] }
notify { 'iter': message => [[1, 2, 3, 4, 5].slice(2), ['a', 'b', 'c'].index('b'), [1, 2, 3].index |$v| { $v > 1 }] }
notify { 'group': message => [[1, 2, 3, 4].group_by |$v| { $v % 2 }, [1, 2, 3, 4].partition |$v| { $v > 2 }] }
notify { 'hiera': message => [hiera('list'), hiera_array('list'), hiera_hash('h'), hiera('none', 'dv')] }
notify { 'file': message => file('motd/banner.txt') }
notify { 'assert': message => assert_type(Integer, 3) }
