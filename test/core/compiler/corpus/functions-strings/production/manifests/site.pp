notify { 'split': message => [split('a,b,,c,,', ','), split('a1b22c', /\d+/), split('', ',')] }
notify { 'join': message => [join(['a', 'b', 'c'], '-'), join([1, [2, 3]], ','), join(['x'])] }
notify { 'sprintf': message => [sprintf('%s-%d-%05.2f', 'x', 42, 3.14159), sprintf('%-5s|', 'ab'), sprintf('%x %o %03d %%', 255, 8, 7)] }
notify { 'case': message => [upcase('abc'), downcase('ABC'), capitalize('hELLO'), upcase(['a', 'b'])] }
notify { 'regsubst': message => [regsubst('foo.bar.baz', '\.', '_', 'G'), regsubst('foo.bar', '\.', '_'), regsubst('Hello', 'l', 'L', 'G'), regsubst('abc', '(b)', '[\1]'), regsubst(['ab', 'cb'], 'b', 'x')] }
notify { 'versioncmp': message => [versioncmp('1.2.10', '1.2.9'), versioncmp('1.0', '1.0'), versioncmp('2.0-rc1', '2.0'), versioncmp('1.10', '1.9')] }
notify { 'strip': message => [strip('  x  '), lstrip('  x'), rstrip('x  ')] }
