notify { 'n00': message => is_absolute_path('/a', '/b') }
