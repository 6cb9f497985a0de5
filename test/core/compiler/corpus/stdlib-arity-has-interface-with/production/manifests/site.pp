notify { 'n00': message => has_interface_with() }
