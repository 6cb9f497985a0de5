validate_array('x')
