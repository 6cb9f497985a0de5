notify { 'n00': message => pick(undef, 'x') }
