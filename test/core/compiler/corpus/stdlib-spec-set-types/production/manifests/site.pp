notify { 'n00': message => union(['1', '2', '3'], [1, 2]) }
notify { 'n01': message => difference(['1', '2', '3'], [1, 2]) }
notify { 'n02': message => intersection(['1', '2', '3'], [1, 2]) }
notify { 'n03': message => union(['one', 'two', 'two', 'three'], ['two', 'three']) }
notify { 'n04': message => difference(['ớņέ', 'ŧשּׁō', 2], ['ŧשּׁō']) }
notify { 'n05': message => intersection([1, 2.0], [2, 1.0]) }
