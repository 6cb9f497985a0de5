notify { 'n00': message => clamp(1, 5, 10) }
notify { 'n01': message => clamp([20, 5, 10]) }
notify { 'n02': message => clamp('3', 1, '2') }
notify { 'n03': message => convert_base('254', '16') }
notify { 'n04': message => convert_base(254, 2) }
notify { 'n05': message => to_bytes('4 kB') }
notify { 'n06': message => to_bytes('1M') }
notify { 'n07': message => to_bytes(512) }
notify { 'n08': message => hash(['a', 1, 'b', 2]) }
notify { 'n09': message => try_get_value({'a' => {'b' => 1}}, 'a/b') }
notify { 'n10': message => try_get_value({'a' => 1}, 'a/x', 'dflt') }
notify { 'n11': message => type_of(1) }
notify { 'n12': message => type_of('a') }
notify { 'n13': message => is_a(1, Integer) }
notify { 'n14': message => is_a('x', Integer) }
notify { 'n15': message => length([1, 2]) }
notify { 'n16': message => sort(['b', 'a']) }
notify { 'n17': message => max(1, 3, 2) }
notify { 'n18': message => abs(-3) }
