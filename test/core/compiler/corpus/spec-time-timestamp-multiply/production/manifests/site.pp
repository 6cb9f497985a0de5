# A Timestamp cannot be multiplied
notify { 'x': message => Timestamp(0) * 2 }
