# Timespan.new: no default format reads the string
notify { 'x': message => Timespan('1 day') }
