notify { 'n00': message => any2array('a') }
notify { 'n01': message => any2array(['a']) }
notify { 'n02': message => any2array({'a' => 1, 'b' => 2}) }
notify { 'n03': message => any2array() }
notify { 'n04': message => any2array('a', 'b') }
notify { 'n05': message => any2array('') }
notify { 'n06': message => any2bool('yes') }
notify { 'n07': message => any2bool(1) }
notify { 'n08': message => any2bool(0) }
notify { 'n09': message => any2bool(undef) }
notify { 'n10': message => any2bool('') }
notify { 'n11': message => any2bool([]) }

notify { 'n13': message => any2bool(false) }
notify { 'n14': message => any2bool(1.5) }
