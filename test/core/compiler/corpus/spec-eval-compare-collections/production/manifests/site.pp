notify { '01 [1, 2] == [1, 2]': message => [1, 2] == [1, 2] }
notify { '02 [1, 2] == [2, 1]': message => [1, 2] == [2, 1] }
notify { '03 [\'A\'] == [\'a\']': message => ['A'] == ['a'] }
notify { '04 {\'a\' => 1} == {\'a\' => 1.0}': message => {'a' => 1} == {'a' => 1.0} }
notify { '05 {\'A\' => 1} == {\'a\' => 1}': message => {'A' => 1} == {'a' => 1} }
notify { '06 [1, [2, 3]] == [1, [2, 3]]': message => [1, [2, 3]] == [1, [2, 3]] }
notify { '07 undef == undef': message => undef == undef }
notify { '08 undef == \'\'': message => undef == '' }
notify { '09 default == default': message => default == default }
notify { '10 Integer == Integer': message => Integer == Integer }
notify { '11 File[\'a\'] == File[\'a\']': message => File['a'] == File['a'] }
notify { '12 File[\'a\'] == File[\'A\']': message => File['a'] == File['A'] }
