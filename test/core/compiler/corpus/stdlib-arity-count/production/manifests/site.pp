notify { 'n00': message => count() }
