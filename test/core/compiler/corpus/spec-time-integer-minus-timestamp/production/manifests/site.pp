# An Integer minus a Timestamp
notify { 'x': message => 5 - Timestamp(0) }
