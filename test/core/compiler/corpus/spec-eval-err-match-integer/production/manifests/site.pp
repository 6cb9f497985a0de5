notify { 'x': message => 666 =~ /6/ }
