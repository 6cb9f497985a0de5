# An Integer divided by a Timespan
notify { 'x': message => 7 / Timespan(2) }
