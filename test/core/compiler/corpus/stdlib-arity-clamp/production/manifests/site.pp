notify { 'n00': message => clamp() }
