notify { 'test': message => $trusted[data] }
