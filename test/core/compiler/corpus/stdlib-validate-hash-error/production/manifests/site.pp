validate_hash({'a' => 1}, 'x')
