validate_string([])
