notify { 'x': message => "${Array[Integer,1,2,3]}" }
