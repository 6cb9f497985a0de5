notify { 'n00': message => join_keys_to_values({'a' => 1, 'b' => 2}, '=') }
notify { 'n01': message => join_keys_to_values({'a' => [1, 2], 'b' => undef}, ':') }
notify { 'n02': message => join_keys_to_values({}, ',') }
