# Timestamp.new: the string is read only in part (p_timestamp_type_spec.rb)
notify { 'x': message => Timestamp('2015-03-01T11:12:13 bogus after') }
