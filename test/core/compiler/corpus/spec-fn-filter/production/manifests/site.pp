notify { '01 [1, 2, 3, 4].filter |$v| { $v % 2 == 0 }': message => [1, 2, 3, 4].filter |$v| { $v % 2 == 0 } }
notify { '02 [1, 2, 3, 4].filter |$i, $v| { $i > 1 }': message => [1, 2, 3, 4].filter |$i, $v| { $i > 1 } }
notify { '03 {\'a\' => 1, \'b\' => 2, \'c\' => 3}.filter |$k, $v| { $v != 2 }': message => {'a' => 1, 'b' => 2, 'c' => 3}.filter |$k, $v| { $v != 2 } }
notify { '04 {\'a\' => 1, \'b\' => 2, \'c\' => 3}.filter |$e| { $e[0] == \'c\' }': message => {'a' => 1, 'b' => 2, 'c' => 3}.filter |$e| { $e[0] == 'c' } }
notify { '05 [1, \'a\', undef, false].filter |$v| { $v }': message => [1, 'a', undef, false].filter |$v| { $v } }
notify { '06 5.filter |$v| { $v > 2 }': message => 5.filter |$v| { $v > 2 } }
notify { '07 \'hello\'.filter |$c| { $c != \'l\' }': message => 'hello'.filter |$c| { $c != 'l' } }
notify { '08 [1, 2, 3].reverse_each.filter |$v| { $v > 1 }': message => [1, 2, 3].reverse_each.filter |$v| { $v > 1 } }
notify { '09 Integer[1, 6].filter |$v| { $v % 3 == 0 }': message => Integer[1, 6].filter |$v| { $v % 3 == 0 } }
