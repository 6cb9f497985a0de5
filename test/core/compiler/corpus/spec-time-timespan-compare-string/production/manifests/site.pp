# A Timespan is not comparable to a String
notify { 'x': message => Timespan(3) < 'a' }
