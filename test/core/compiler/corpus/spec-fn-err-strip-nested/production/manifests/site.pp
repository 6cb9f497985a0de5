notify { 'x': message => [' a ', [' b ']].strip }
