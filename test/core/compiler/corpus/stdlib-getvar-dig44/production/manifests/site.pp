class foo { $bar = 'baz' $h = {'a' => [1, {'b' => 2}]} }
include foo
notify { 'a': message => getvar('foo::bar') }
notify { 'b': message => dig44({'a' => [1, {'b' => 2}]}, ['a', 1, 'b']) }
notify { 'c': message => dig44({'a' => 1}, ['x', 'y'], 'default') }
notify { 'd': message => dig44({'a' => [1]}, ['a', 5]) }
notify { 'e': message => dig44({'a' => {'b' => false}}, ['a', 'b'], 'dflt') }
