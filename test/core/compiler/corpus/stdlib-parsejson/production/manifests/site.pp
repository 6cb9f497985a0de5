notify { 'n00': message => parsejson('{"a": 1, "b": [true, null, 1.5]}') }
notify { 'n01': message => parsejson('[1, 2]') }
notify { 'n02': message => parsejson('not json', 'fallback') }
notify { 'n03': message => parsejson('{"a": "b"}', 'x') }
