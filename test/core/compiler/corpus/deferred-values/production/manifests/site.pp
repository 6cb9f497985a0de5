file { '/etc/token': content => Deferred('vault_lookup', ['secret/token', 'x']) }
notify { 'd': message => Deferred('join', [['a', 'b'], '-']) }
