notify { 'n00': message => type_of([1, 'a']) }
notify { 'n01': message => type_of({'a' => 1}) }
notify { 'n02': message => type_of(undef) }
notify { 'n03': message => is_a([1], Array[Integer]) }
notify { 'n04': message => is_a('1', Stdlib::Port) }
notify { 'n05': message => is_a('/x', Stdlib::Absolutepath) }
