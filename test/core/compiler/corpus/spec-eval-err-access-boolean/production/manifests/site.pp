notify { 'x': message => true[0] }
