notify { 'x': message => get(['nope', ['ok']], '1.blue') }
