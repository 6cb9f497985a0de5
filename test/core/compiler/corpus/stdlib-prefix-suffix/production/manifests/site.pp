notify { 'n00': message => prefix(['a', 'b'], 'p') }
notify { 'n01': message => prefix({'a' => 1, 'b' => 2}, 'p_') }
notify { 'n02': message => prefix(['a']) }
notify { 'n03': message => suffix(['a', 'b'], '.conf') }
notify { 'n04': message => suffix({'a' => 1}, '_s') }
notify { 'n05': message => suffix([]) }
