notify { 'a': message => lookup('a') }
notify { 'b': message => lookup('b') }
notify { 'c': message => lookup('c', String, 'first', 'dflt') }
notify { 'osfam': message => lookup('os_value') }
