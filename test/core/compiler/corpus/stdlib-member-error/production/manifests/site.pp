notify { 'n00': message => member('a', 'a') }
