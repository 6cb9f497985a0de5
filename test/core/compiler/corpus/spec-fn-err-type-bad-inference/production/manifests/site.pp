notify { 'x': message => type([2, 4.14], gobbledygooked) }
