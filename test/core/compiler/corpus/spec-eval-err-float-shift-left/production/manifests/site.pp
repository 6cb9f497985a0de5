notify { 'x': message => 3.14 << 2 }
