notify { 'x': message => versioncmp('a,b') }
