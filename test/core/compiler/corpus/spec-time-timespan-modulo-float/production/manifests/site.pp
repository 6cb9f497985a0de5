# A Timespan modulo a Float
notify { 'x': message => Timespan(7) % 2.0 }
