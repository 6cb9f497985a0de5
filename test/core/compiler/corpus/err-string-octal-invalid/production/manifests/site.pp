$x = '0888' + '010'
notify { 'x': message => "${x}" }
