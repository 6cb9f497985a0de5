# A Timestamp divided
notify { 'x': message => Timestamp(10) / 2 }
