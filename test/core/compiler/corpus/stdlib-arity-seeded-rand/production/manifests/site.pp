notify { 'n00': message => seeded_rand(5) }
