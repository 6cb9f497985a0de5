# Timestamp.new: a format that does not read the string
notify { 'x': message => Timestamp('2015-03-01', '%d/%m/%Y') }
