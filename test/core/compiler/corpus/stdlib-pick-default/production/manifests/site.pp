notify { 'n00': message => pick_default(undef, '', 'x') }
notify { 'n01': message => pick_default(undef, '') }

notify { 'n03': message => pick_default(undef, 5) }
notify { 'n04': message => pick_default('', undef) }
