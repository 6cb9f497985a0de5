notify { 'n00': message => parsepson('') }
