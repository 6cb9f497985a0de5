notify { 'n00': message => flatten(['a', ['b', ['c']]]) }
notify { 'n01': message => unique([1, 2, 1]) }
notify { 'n02': message => keys({'a' => 1}) }
notify { 'n03': message => values({'a' => 1}) }
notify { 'n04': message => size('abc') }
notify { 'n05': message => empty('') }
notify { 'n06': message => capitalize('abc def') }
notify { 'n07': message => camelcase('a_b_c') }
notify { 'n08': message => downcase('ABC') }
notify { 'n09': message => upcase(['a', 'b']) }
notify { 'n10': message => strip('  x  ') }
notify { 'n11': message => chomp("x\n") }
