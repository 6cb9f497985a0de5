notify { 'x': message => '0xWTF' + '010' }
