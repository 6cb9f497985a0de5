notify { 'n00': message => seeded_rand(0, 'x') }
