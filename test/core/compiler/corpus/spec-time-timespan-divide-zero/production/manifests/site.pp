# A Timespan divided by 0
notify { 'x': message => Timespan(3) / 0 }
