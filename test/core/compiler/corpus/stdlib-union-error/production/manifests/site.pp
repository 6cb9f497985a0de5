notify { 'n00': message => union(['a'], 'b') }
