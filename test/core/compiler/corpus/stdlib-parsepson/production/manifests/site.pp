notify { 'n00': message => parsepson('{"a": [1, 2.0, null]}') }
notify { 'n01': message => parsepson('bad', 'dflt') }
notify { 'n02': message => parsepson('bad', undef) }
notify { 'n03': message => parsepson('[true]', 'x') }
