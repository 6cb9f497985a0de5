notify { 'n00': message => join_keys_to_values({'key' => ''}, ':') }
notify { 'n01': message => join_keys_to_values({'key' => undef}, ':') }
notify { 'n02': message => join_keys_to_values({'key1' => 'value1', 'key2' => ['value2', 'value3']}, ' ') }
notify { 'n03': message => join_keys_to_values({'key' => 'value'}, '') }
notify { 'n04': message => join_keys_to_values({'a' => true, 'b' => 1.5, 'c' => {'d' => 1}}, '=') }
