$v = 'abc'['key']
