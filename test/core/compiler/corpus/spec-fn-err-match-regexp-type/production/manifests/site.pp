notify { 'x': message => match('abc123', Regexp) }
