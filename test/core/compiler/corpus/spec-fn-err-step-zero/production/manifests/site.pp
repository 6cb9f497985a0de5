notify { 'x': message => [1, 2].step(0) }
