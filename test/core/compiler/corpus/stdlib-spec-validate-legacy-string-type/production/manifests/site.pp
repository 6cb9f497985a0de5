validate_legacy('Optional[String]', 'validate_string', 1)
