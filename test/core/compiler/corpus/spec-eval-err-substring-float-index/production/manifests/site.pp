notify { 'x': message => 'abc'[1.0] }
