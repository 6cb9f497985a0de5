validate_re('x', '^one$')
