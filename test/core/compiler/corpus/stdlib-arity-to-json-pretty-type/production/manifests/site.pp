notify { 'n00': message => to_json_pretty('x') }
