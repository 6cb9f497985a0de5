notify { 'x': message => [1, 2].slice(0) }
