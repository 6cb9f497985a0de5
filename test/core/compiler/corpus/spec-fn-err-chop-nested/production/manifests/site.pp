notify { 'x': message => ['a', 'b', ['c']].chop }
