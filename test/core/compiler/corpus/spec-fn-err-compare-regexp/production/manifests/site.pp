notify { 'x': message => compare(/x/, /x/) }
