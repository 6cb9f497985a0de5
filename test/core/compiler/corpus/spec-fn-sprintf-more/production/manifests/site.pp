notify { '01 sprintf(\'%05.1f\', 3.14159)': message => sprintf('%05.1f', 3.14159) }
notify { '02 sprintf(\'%-6s|\', \'ab\')': message => sprintf('%-6s|', 'ab') }
notify { '03 sprintf(\'%x %X %o %b\', 255, 255, 8, 5)': message => sprintf('%x %X %o %b', 255, 255, 8, 5) }
notify { '04 sprintf(\'%#x %#o\', 255, 8)': message => sprintf('%#x %#o', 255, 8) }
notify { '05 sprintf(\'%e\', 12345.678)': message => sprintf('%e', 12345.678) }
notify { '06 sprintf(\'%.3e\', 0.000123)': message => sprintf('%.3e', 0.000123) }
notify { '07 sprintf(\'%g %g\', 100000, 1000000)': message => sprintf('%g %g', 100000, 1000000) }
notify { '08 sprintf(\'%c\', 65)': message => sprintf('%c', 65) }
notify { '09 sprintf(\'%%\')': message => sprintf('%%') }
notify { '10 sprintf(\'%5.2s|\', \'abc\')': message => sprintf('%5.2s|', 'abc') }
notify { '11 sprintf(\'%+d % d\', 5, 5)': message => sprintf('%+d % d', 5, 5) }
notify { '12 sprintf(\'%d\', \'0x1f\')': message => sprintf('%d', '0x1f') }
notify { '13 sprintf(\'%s and %s\', [1, 2], {\'a\' => 1})': message => sprintf('%s and %s', [1, 2], {'a' => 1}) }
notify { '14 sprintf(\'%p\', \'x\')': message => sprintf('%p', 'x') }
notify { '15 sprintf(\'%<a>s-%<b>s\', {\'a\' => 1, \'b\' => 2})': message => sprintf('%<a>s-%<b>s', {'a' => 1, 'b' => 2}) }
notify { '16 sprintf(\'%{a}/%{b}\', {\'a\' => \'x\', \'b\' => \'y\'})': message => sprintf('%{a}/%{b}', {'a' => 'x', 'b' => 'y'}) }
notify { '17 sprintf(\'%*d\', 5, 42)': message => sprintf('%*d', 5, 42) }
notify { '18 sprintf(\'%-*d|\', 5, 42)': message => sprintf('%-*d|', 5, 42) }
notify { '20 sprintf(\'%d\', 3.99)': message => sprintf('%d', 3.99) }
