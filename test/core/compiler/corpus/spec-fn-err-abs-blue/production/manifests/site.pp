notify { 'x': message => abs('blue') }
