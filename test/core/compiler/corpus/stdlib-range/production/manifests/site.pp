notify { 'n00': message => range(1, 5) }
notify { 'n01': message => range('a', 'e') }
notify { 'n02': message => range(0, 10, 3) }
notify { 'n03': message => range('host01', 'host04') }
notify { 'n04': message => range('5', '1') }
notify { 'n05': message => range('00', '03') }

notify { 'n07': message => range(2, 6, -2) }
