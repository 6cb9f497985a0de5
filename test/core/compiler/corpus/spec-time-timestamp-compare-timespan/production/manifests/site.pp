# A Timestamp cannot be compared to a Timespan (p_timestamp_type_spec.rb)
notify { 'x': message => Timestamp(0) > Timespan(3) }
