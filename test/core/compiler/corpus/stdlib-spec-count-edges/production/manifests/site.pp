notify { 'n00': message => count(['a', 'a', 'b'], undef) }
notify { 'n01': message => count({'a' => 1}) }
notify { 'n02': message => count([1, 1.0, '1'], 1) }
notify { 'n03': message => count([[], [], '']) }
