notify { 'x': message => sprintf('%s %s', 'a') }
