notify { 'n00': message => delete([], 'two', 'three') }
