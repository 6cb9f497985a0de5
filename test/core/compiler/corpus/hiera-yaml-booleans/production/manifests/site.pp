notify { 'flags': message => lookup('flags') }
