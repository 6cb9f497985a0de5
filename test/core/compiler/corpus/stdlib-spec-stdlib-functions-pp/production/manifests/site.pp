notify { 'n00': message => stdlib::ensure('present', 'link') }
notify { 'n01': message => stdlib::ensure(true, 'directory') }
