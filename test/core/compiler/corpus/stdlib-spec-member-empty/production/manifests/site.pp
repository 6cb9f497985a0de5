notify { 'n00': message => member([], '') }
