notify { 'x': message => ['a', 'b', ['c']].camelcase }
