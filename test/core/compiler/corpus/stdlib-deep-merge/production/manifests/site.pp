notify { 'n00': message => deep_merge({'one' => 1, 'two' => {'a' => 1, 'b' => [1]}}, {'two' => {'b' => [2], 'c' => 3}, 'three' => 3}) }
notify { 'n01': message => deep_merge({'a' => {'b' => 1}}, {'a' => 'x'}, undef, {'a' => {'c' => 2}}) }

