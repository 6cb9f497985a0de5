notify { 'x': message => min() }
