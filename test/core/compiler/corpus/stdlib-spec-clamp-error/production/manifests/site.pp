notify { 'n00': message => clamp('a', 1, 2) }
