notify { 'n00': message => dig44({'a' => {'b' => undef}}, ['a', 'b'], 'd') }
notify { 'n01': message => dig44(['x', ['y', 'z']], [1, '1']) }
notify { 'n02': message => dig44(['x'], ['a'], 'd') }
notify { 'n03': message => dig44({'a' => 'str'}, ['a', 'b'], 'd') }
notify { 'n04': message => dig44({'a' => [1, 2]}, ['a', -1]) }
