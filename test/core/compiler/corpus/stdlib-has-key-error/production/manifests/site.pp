notify { 'n00': message => has_key(['a'], 'a') }
