notify { 'n00': message => stdlib::start_with('abc', '') }
