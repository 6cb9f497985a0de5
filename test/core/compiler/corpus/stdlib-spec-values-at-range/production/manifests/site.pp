notify { 'n00': message => values_at(['a', 'b', 'c', 'd'], '1-2') }
notify { 'n01': message => values_at(['a', 'b', 'c', 'd'], ['0...2', 3]) }
notify { 'n02': message => values_at([1, undef, 3], [0, 1, 2]) }
