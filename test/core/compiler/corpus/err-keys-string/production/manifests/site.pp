$k = keys('abc')
