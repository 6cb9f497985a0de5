notify { 'n00': message => str2bool('UNDEF') }
