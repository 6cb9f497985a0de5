notify { 'n00': message => base64('decode', 'dGhlc3RyaW5n\n') }
notify { 'n01': message => base64('encode', '') }
notify { 'n02': message => base64('decode', 'dGhlc3RyaW5nPz4=', 'urlsafe') }
notify { 'n03': message => base64('encode', 'ẞ unicode') }
