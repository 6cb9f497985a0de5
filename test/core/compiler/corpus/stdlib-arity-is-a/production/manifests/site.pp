notify { 'n00': message => is_a(1, 'Integer') }
