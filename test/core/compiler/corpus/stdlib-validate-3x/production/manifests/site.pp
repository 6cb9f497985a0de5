validate_hash({'a' => 1}, {})
validate_array([], ['a'])
validate_string('a', 'b')
validate_bool(true, false)
validate_re('one', '^one$')
validate_re('two', ['^one$', '^two$'])
validate_absolute_path('/etc', ['/var', '/usr'])
notify { 'ok': }
