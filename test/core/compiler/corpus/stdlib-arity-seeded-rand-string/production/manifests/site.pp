notify { 'n00': message => seeded_rand_string(0, 'x') }
