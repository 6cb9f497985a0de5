notify { 'n00': message => pick_default('', 'two') }
notify { 'n01': message => pick_default([], 'x') }
notify { 'n02': message => pick_default({}, 'x') }
notify { 'n03': message => pick_default('one', undef) }
notify { 'n04': message => pick_default(undef, []) }
notify { 'n05': message => pick(undef, 'このテキスト') }
