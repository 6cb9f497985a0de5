# Timestamp.new: a zone in the format and a timezone argument (p_timestamp_type_spec.rb)
notify { 'x': message => Timestamp('Sunday, 28 August, 2016 UTC', '%A, %d %B, %Y %z', 'EST') }
