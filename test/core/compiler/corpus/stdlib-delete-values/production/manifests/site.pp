notify { 'n00': message => delete_values({'a' => 'A', 'b' => 'B', 'c' => 'C', 'B' => 'D'}, 'B') }
notify { 'n01': message => delete_values({'a' => 1, 'b' => [1]}, [1]) }
