notify { 'n00': message => prefix([1, 2.5, true], 'x') }
notify { 'n01': message => suffix({1 => 'a'}, '_') }
notify { 'n02': message => prefix(['a'], undef) }
notify { 'n03': message => suffix(['a'], '') }
