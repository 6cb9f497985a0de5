notify { 'n00': message => zip([1, 2, 3], [4]) }
notify { 'n01': message => zip([1], [2], 'true') }
notify { 'n02': message => zip([[1]], [[2]], true) }
notify { 'n03': message => reject(['a', 1, 'b'], 'a') }
notify { 'n04': message => grep(['a', 1, 'b'], '.') }
notify { 'n05': message => reject(['Abc', 'abc'], '^a') }
notify { 'n06': message => grep(['line1', 'x'], '\Aline\d\z') }
