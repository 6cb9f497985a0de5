notify { 'x': message => 'abc'[1,2,3] }
