notify { 'n00': message => any2array(1) }
notify { 'n01': message => any2array(true) }
notify { 'n02': message => any2array({}) }
notify { 'n03': message => any2array([]) }
notify { 'n04': message => any2array(undef) }
