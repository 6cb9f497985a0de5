notify { 'x': message => '0x12.3' + '010' }
