notify { 'n00': message => delete(['a', 'b', 'c', 'b'], 'b') }
notify { 'n01': message => delete(['a', 'b', 'c'], ['a', 'c']) }
notify { 'n02': message => delete({'a' => 1, 'b' => 2, 'c' => 3}, ['b', 'c']) }
notify { 'n03': message => delete({'a' => 1, 'b' => 2}, 'a') }
notify { 'n04': message => delete('abracadabra', 'bra') }
notify { 'n05': message => delete(['A', 'b'], 'a') }
notify { 'n06': message => delete('abc', ['a', 'c']) }
