notify { 'something': message => $var, }
