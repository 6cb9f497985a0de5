notify { 'x': message => [1].any() }
