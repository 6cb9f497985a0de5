notify { 'n00': message => convert_base(5) }
