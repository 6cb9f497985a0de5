notify { 'n00': message => range('a', 'c') }
notify { 'n01': message => range('a...c') }
notify { 'n02': message => range('1-3') }
notify { 'n03': message => range('z', 'ab') }
notify { 'n04': message => range('aa', 'ad', 2) }
notify { 'n05': message => range(10, 1) }
notify { 'n06': message => range('host9', 'host11') }
notify { 'n07': message => range(1, 10, 4) }
