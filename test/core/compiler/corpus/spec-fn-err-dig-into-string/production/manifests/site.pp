notify { 'x': message => [nope, {yes => testing}].dig(1, yes, 2) }
