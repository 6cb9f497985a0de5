# Timestamp.new: no default format reads the string (p_timestamp_type_spec.rb)
notify { 'x': message => Timestamp('2015#03#01 11:12:13') }
