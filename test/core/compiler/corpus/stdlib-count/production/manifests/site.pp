notify { 'n00': message => count(['a', undef, '', 'b']) }
notify { 'n01': message => count(['a', 'b', 'a'], 'a') }
notify { 'n02': message => count([]) }
notify { 'n03': message => count(['A', 'a'], 'a') }
