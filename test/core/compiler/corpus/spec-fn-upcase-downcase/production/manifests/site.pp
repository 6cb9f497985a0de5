notify { '01 \'abc\'.upcase': message => 'abc'.upcase }
notify { '02 \'åäö\'.upcase': message => 'åäö'.upcase }
notify { '03 [\'a\', \'b\'].upcase': message => ['a', 'b'].upcase }
notify { '04 {\'a\' => \'b\', \'c\' => [\'d\']}.upcase': message => {'a' => 'b', 'c' => ['d']}.upcase }
notify { '05 42.upcase': message => 42.upcase }
notify { '06 \'ABC\'.downcase': message => 'ABC'.downcase }
notify { '07 \'ÅÄÖ\'.downcase': message => 'ÅÄÖ'.downcase }
notify { '08 [\'A\', [\'B\', \'C\']].downcase': message => ['A', ['B', 'C']].downcase }
notify { '09 {\'AbC\' => \'DeF\'}.downcase': message => {'AbC' => 'DeF'}.downcase }
notify { '10 4.2.downcase': message => 4.2.downcase }
