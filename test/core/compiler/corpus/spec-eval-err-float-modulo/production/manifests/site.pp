notify { 'x': message => 10.0 % 3.0 }
