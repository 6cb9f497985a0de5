notify { 'n00': message => pick(undef, '', 'x', 'y') }
notify { 'n01': message => pick('a') }
notify { 'n02': message => pick(undef, false, 'b') }
notify { 'n03': message => pick([], 'c') }
notify { 'n04': message => pick($facts['nonexistent'], $facts['hostname']) }
notify { 'n05': message => pick({}, 1) }
