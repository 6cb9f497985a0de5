notify { 'x': message => lookup('num', Integer) }
