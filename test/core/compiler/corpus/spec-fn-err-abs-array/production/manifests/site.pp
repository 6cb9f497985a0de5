notify { 'x': message => abs([1,2,3]) }
