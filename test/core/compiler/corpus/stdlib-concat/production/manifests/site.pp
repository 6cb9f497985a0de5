notify { 'n00': message => concat(['1', '2', '3'], ['4', '5', '6']) }
notify { 'n01': message => concat(['1'], '2') }
notify { 'n02': message => concat(['1'], ['2'], ['3', ['4']]) }
notify { 'n03': message => concat([], []) }
