notify { '01 [1, 2, 3].index(2)': message => [1, 2, 3].index(2) }
notify { '02 [1, 2, 3].index(4)': message => [1, 2, 3].index(4) }
notify { '03 [1, 2, 3].index |$x| { $x > 1 }': message => [1, 2, 3].index |$x| { $x > 1 } }
notify { '04 [1, 2, 3].index |$i, $x| { $i == 2 }': message => [1, 2, 3].index |$i, $x| { $i == 2 } }
notify { '05 {1 => 10, 2 => 20, 3 => 30 }.index(20)': message => {1 => 10, 2 => 20, 3 => 30 }.index(20) }
notify { '06 {1 => 10, 2 => 20, 3 => 30 }.index |$x| { $x == 30 }': message => {1 => 10, 2 => 20, 3 => 30 }.index |$x| { $x == 30 } }
notify { '07 {1 => 10, 2 => 20, 3 => 30 }.index |$k, $x| { $k == 2 }': message => {1 => 10, 2 => 20, 3 => 30 }.index |$k, $x| { $k == 2 } }
notify { '08 \'foobarxbaz\'.index(\'bar\')': message => 'foobarxbaz'.index('bar') }
notify { '09 \'foobarxbaz\'.index(\'x\')': message => 'foobarxbaz'.index('x') }
notify { '10 \'foobarxbaz\'.index(\'nope\')': message => 'foobarxbaz'.index('nope') }
notify { '11 [\'a\', \'b\', \'c\'].index(\'b\')': message => ['a', 'b', 'c'].index('b') }
notify { '12 Integer[5, 10].index(7)': message => Integer[5, 10].index(7) }
notify { '13 \'abc\'.index |$c| { $c == \'c\' }': message => 'abc'.index |$c| { $c == 'c' } }
notify { '14 [\'A\', \'b\'].index(\'a\')': message => ['A', 'b'].index('a') }
