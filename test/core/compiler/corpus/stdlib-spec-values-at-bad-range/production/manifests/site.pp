notify { 'n00': message => values_at(['a', 'b'], '1-0') }
