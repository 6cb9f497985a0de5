notify { 'x': message => abs('0xFF') }
