notify { '01 [1, 2, 2, 3, 1].unique': message => [1, 2, 2, 3, 1].unique }
notify { '02 [\'a\', \'A\', \'b\'].unique': message => ['a', 'A', 'b'].unique }
notify { '03 \'abcab\'.unique': message => 'abcab'.unique }
notify { '04 {\'a\' => 1, \'b\' => 2, \'c\' => 1}.unique': message => {'a' => 1, 'b' => 2, 'c' => 1}.unique }
notify { '05 [1, 1.0, \'1\'].unique': message => [1, 1.0, '1'].unique }
notify { '06 [[1], [1], [2]].unique': message => [[1], [1], [2]].unique }
notify { '07 [\'a\', \'A\', \'b\'].unique |$x| { $x.downcase }': message => ['a', 'A', 'b'].unique |$x| { $x.downcase } }
notify { '08 {\'a\' => 1, \'b\' => 2, \'c\' => 1}.unique |$v| { $v }': message => {'a' => 1, 'b' => 2, 'c' => 1}.unique |$v| { $v } }
