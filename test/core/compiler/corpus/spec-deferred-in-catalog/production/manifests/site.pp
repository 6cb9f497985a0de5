$d = Deferred('join', [['a', 'b'], '-'])
notify { 'deferred': message => $d }
