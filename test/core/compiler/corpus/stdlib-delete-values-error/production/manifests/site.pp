notify { 'n00': message => delete_values(['a'], 'a') }
