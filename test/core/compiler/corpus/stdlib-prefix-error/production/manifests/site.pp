notify { 'n00': message => prefix('a', 'p') }
