notify { 'n00': message => pick(undef, 0) }
notify { 'n01': message => pick(undef, [1]) }
notify { 'n02': message => pick(false) }
notify { 'n03': message => pick('', [], {}, 'z') }
notify { 'n04': message => pick_default(undef, undef) }
notify { 'n05': message => pick_default(false, 'x') }
