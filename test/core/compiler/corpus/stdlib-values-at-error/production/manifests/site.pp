notify { 'n00': message => values_at(['a'], 5) }
