notify { 'x': message => '0888' + '010' }
