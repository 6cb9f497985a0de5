notify { 'n00': message => union(['a', 'b', 'c'], ['b', 'c', 'd']) }
notify { 'n01': message => union(['a', 'a'], ['b'], ['c', 'a']) }
notify { 'n02': message => difference(['a', 'b', 'c'], ['b', 'c', 'd']) }
notify { 'n03': message => difference(['a', 'b'], []) }
notify { 'n04': message => intersection(['a', 'b', 'c'], ['b', 'c', 'd']) }
notify { 'n05': message => intersection([1, 2], [3]) }
notify { 'n06': message => intersection(['a', 'a', 'b'], ['a']) }
