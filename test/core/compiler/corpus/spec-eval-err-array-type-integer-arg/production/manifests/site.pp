notify { 'x': message => "${Array[0]}" }
