validate_re('x', ['^one$', '^two$'], 'must be one or two')
