notify { 'n00': message => clamp(['10', 1, 5]) }
notify { 'n01': message => clamp(3, [1, 2]) }
notify { 'n02': message => convert_base('10', 36) }
notify { 'n03': message => convert_base(0, 2) }
notify { 'n04': message => to_bytes('1.5 kB') }
notify { 'n05': message => to_bytes('2 G') }
notify { 'n06': message => to_bytes('3') }
