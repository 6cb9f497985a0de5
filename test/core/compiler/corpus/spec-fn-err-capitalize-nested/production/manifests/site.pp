notify { 'x': message => ['a', 'b', ['c']].capitalize }
