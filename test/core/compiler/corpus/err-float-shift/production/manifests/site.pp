$x = 3.14 << 2
notify { 'x': message => "${x}" }
