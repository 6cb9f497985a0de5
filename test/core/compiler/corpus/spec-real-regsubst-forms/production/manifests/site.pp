notify { '01 regsubst(\'hello world\', \'o\', \'0\')': message => regsubst('hello world', 'o', '0') }
notify { '02 regsubst(\'hello world\', \'o\', \'0\', \'G\')': message => regsubst('hello world', 'o', '0', 'G') }
notify { '03 regsubst(\'Hello\', \'h\', \'J\', \'I\')': message => regsubst('Hello', 'h', 'J', 'I') }
notify { '04 regsubst([\'a1\', \'b2\'], \'\\d\', \'N\')': message => regsubst(['a1', 'b2'], '\d', 'N') }
notify { '05 regsubst(\'abc\', /(b)/, \'[\\1]\')': message => regsubst('abc', /(b)/, '[\1]') }
notify { '06 regsubst(\'abc\', \'B\', \'x\', \'IG\')': message => regsubst('abc', 'B', 'x', 'IG') }
notify { '07 regsubst(\'a.b.c\', \'\\.\', \'/\', \'G\')': message => regsubst('a.b.c', '\.', '/', 'G') }
notify { '08 regsubst(\'path/to\', \'/\', \'\\\\\\\\\', \'G\')': message => regsubst('path/to', '/', '\\\\', 'G') }
