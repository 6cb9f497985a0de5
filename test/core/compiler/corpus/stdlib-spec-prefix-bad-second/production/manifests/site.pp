notify { 'n00': message => prefix(['a'], 1) }
