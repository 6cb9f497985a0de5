notify { 'n00': message => parsejson('{bad') }
