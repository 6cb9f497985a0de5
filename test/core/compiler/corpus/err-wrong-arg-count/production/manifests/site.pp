$v = split('a')
