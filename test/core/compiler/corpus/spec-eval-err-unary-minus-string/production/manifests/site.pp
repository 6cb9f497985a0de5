notify { 'x': message => -'abc' }
