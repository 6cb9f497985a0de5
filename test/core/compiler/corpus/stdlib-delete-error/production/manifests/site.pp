notify { 'n00': message => delete(1, 'a') }
