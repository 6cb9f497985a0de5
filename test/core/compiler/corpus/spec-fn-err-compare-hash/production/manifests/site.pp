notify { 'x': message => compare({'a' => 1}, {'b' => 1}) }
