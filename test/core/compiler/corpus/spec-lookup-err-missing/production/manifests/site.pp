notify { 'x': message => lookup('nope') }
