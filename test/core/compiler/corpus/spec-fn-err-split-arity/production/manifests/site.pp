notify { 'x': message => split('a,b') }
