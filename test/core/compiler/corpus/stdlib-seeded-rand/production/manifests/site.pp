notify { 'n00': message => seeded_rand(100, 'seed') }
notify { 'n01': message => seeded_rand(1000, 'other') }
notify { 'n02': message => seeded_rand(1, 'x') }
notify { 'n03': message => seeded_rand_string(8, 'seed') }
notify { 'n04': message => seeded_rand_string(5, 'seed', 'abc') }
