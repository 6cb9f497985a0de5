notify { 'n00': message => concat('a', 'b') }
