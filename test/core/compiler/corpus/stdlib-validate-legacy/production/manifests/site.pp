validate_legacy(String, 'validate_string', 'x')
validate_legacy('Optional[Integer]', 'validate_integer', undef)
validate_legacy(Array[String], 'validate_array', ['a'])
notify { 'ok': }
