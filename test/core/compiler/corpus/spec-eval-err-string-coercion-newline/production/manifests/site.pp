notify { 'x': message => "-2\n" + "2" }
