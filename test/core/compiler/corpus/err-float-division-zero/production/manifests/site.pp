$x = 1.0 / 0
notify { 'x': message => "${x}" }
