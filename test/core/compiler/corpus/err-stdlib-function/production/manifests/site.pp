$v = pick(undef, 'x')
