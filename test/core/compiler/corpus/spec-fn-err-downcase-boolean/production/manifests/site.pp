notify { 'x': message => true.downcase }
