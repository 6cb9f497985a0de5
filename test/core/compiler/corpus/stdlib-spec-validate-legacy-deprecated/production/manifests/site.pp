validate_legacy(Integer, 'validate_re', '5', '^\\d+$')
notify { 'ok': }
