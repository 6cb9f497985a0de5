notify { 'n00': message => member(['a', 'b'], 'b') }
notify { 'n01': message => member(['a', 'b'], 'c') }
notify { 'n02': message => member(['a', 'b', 'c'], ['b', 'c']) }
notify { 'n03': message => member(['a', 'b'], ['b', 'd']) }
notify { 'n04': message => member([1, 2], 1) }
notify { 'n05': message => member(['A'], 'a') }

