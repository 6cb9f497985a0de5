validate_integer(['1', 2, '0x10'], 20)
validate_integer('-5', '', -10)
notify { 'ok': }
