notify { 'n00': message => to_json() }
