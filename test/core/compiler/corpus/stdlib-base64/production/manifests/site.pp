notify { 'n00': message => base64('encode', 'thestring') }
notify { 'n01': message => base64('decode', 'dGhlc3RyaW5n') }
notify { 'n02': message => base64('encode', 'a longer string that goes past sixty characters, to see the line breaks') }
notify { 'n03': message => base64('encode', 'thestring', 'strict') }
notify { 'n04': message => base64('encode', 'thestring?>', 'urlsafe') }
notify { 'n05': message => base64('decode', 'dGhlc3RyaW5n', 'strict') }
