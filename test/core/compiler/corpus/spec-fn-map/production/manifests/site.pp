notify { '01 [1, 2, 3].map |$v| { $v * 2 }': message => [1, 2, 3].map |$v| { $v * 2 } }
notify { '02 [1, 2, 3].map |$i, $v| { "${i}:${v}" }': message => [1, 2, 3].map |$i, $v| { "${i}:${v}" } }
notify { '03 {\'a\' => 1, \'b\' => 2}.map |$k, $v| { "${k}=${v}" }': message => {'a' => 1, 'b' => 2}.map |$k, $v| { "${k}=${v}" } }
notify { '04 {\'a\' => 1, \'b\' => 2}.map |$e| { $e }': message => {'a' => 1, 'b' => 2}.map |$e| { $e } }
notify { '05 3.map |$v| { $v }': message => 3.map |$v| { $v } }
notify { '06 \'abc\'.map |$c| { $c.upcase }': message => 'abc'.map |$c| { $c.upcase } }
notify { '07 [].map |$v| { $v }': message => [].map |$v| { $v } }
notify { '08 [[1, 2], [3, 4]].map |$i, $p| { $i + $p[1] }': message => [[1, 2], [3, 4]].map |$i, $p| { $i + $p[1] } }
notify { '09 Enum[c, a, b].map |$v| { $v }': message => Enum[c, a, b].map |$v| { $v } }
