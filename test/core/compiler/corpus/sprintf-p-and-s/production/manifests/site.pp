notify { 'p-array': message => sprintf('%p', [1, 'a']) }
notify { 'p-hash': message => sprintf('%p', { 'a' => [1] }) }
notify { 'p-string': message => sprintf('%p', 'x') }
notify { 'p-num': message => sprintf('%p %p %p', 1, 2.0, true) }
notify { 's-array': message => sprintf('%s', [1, 'a', 2.0]) }
notify { 's-num': message => sprintf('%s %s %s', 1, 2.0, 2.5) }
notify { 's-bool': message => sprintf('%s/%s', true, false) }
notify { 'p-undef': message => sprintf('[%s][%p]', undef, undef) }
