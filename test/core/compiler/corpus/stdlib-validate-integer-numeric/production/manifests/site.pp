validate_integer(1)
validate_integer('10', 20, 1)
validate_numeric(1.5, 2)
validate_numeric('3.5')
notify { 'ok': }
