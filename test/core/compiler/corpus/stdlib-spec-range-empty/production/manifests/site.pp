notify { 'n00': message => range('') }
