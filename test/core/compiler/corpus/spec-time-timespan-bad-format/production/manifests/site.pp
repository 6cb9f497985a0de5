# Timespan formats: a bad format specifier (timespan_spec.rb)
notify { 'x': message => strftime(Timespan(3), '%H:%Q') }
