notify { 'n00': message => base64('rot13', 'x') }
