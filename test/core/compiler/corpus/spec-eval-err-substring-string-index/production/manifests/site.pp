notify { 'x': message => 'abc'[x] }
