notify { 'n00': message => to_json({'a' => 1, 'b' => [true, undef, 'x'], 'c' => 1.5}) }
notify { 'n01': message => to_json([1, 'two']) }
notify { 'n02': message => to_json('s') }
notify { 'n03': message => to_json_pretty({'a' => {'b' => [1, 2]}, 'c' => undef}) }
notify { 'n04': message => to_json_pretty({'a' => undef, 'b' => 1}, true) }
notify { 'n05': message => to_json_pretty([]) }
notify { 'n06': message => to_json_pretty({'x' => 1}, false, {'indent' => '    '}) }
