$v = 'abc' + 1
