notify { 'n00': message => intersection('a', ['b']) }
