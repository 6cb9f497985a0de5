notify { 'n00': message => concat(['1', '2', '3'], [['4', '5'], '6']) }
notify { 'n01': message => concat(['1', '2'], '3', '4', ['5', '6']) }
notify { 'n02': message => concat([{'a' => 'b'}], {'c' => 'd', 'e' => 'f'}) }
notify { 'n03': message => concat([1], [2], [3]) }
