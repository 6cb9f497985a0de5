notify { 'x': message => lookup('present', Integer) }
