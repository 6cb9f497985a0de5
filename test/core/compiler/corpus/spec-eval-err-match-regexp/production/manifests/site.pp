notify { 'x': message => /a/ =~ /a/ }
