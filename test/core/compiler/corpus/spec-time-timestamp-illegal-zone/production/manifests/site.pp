# Timestamp.new: a timezone that is none
notify { 'x': message => Timestamp('2016-08-28', '%F', '+x1') }
