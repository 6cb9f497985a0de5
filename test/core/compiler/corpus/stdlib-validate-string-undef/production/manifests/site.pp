validate_string(undef)
notify { 'ok': }
