notify { 'x': message => Integer('ff', 16) }
