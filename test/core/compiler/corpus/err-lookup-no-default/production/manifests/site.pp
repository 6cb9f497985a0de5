notify { 'x': message => lookup('missing', String) }
