$v = lookup('not::there')
