notify { 'n00': message => has_key({'a' => 1}, 'a') }
notify { 'n01': message => has_key({'a' => 1}, 'b') }
notify { 'n02': message => has_key({1 => 2}, 1) }
