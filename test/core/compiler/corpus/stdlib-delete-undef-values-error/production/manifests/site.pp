notify { 'n00': message => delete_undef_values('x') }
