notify { 'x': message => ceiling('blue') }
