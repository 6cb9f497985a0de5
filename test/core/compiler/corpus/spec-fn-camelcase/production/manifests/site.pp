notify { '01 \'abc_def\'.camelcase': message => 'abc_def'.camelcase }
notify { '02 42.camelcase': message => 42.camelcase }
notify { '03 \'åäö_äö\'.camelcase': message => 'åäö_äö'.camelcase }
notify { '04 [\'a_a\', \'b_a\', \'c_a\'].camelcase': message => ['a_a', 'b_a', 'c_a'].camelcase }
notify { '05 [\'a_a\', \'b_a\', \'c_a\'].reverse_each.camelcase': message => ['a_a', 'b_a', 'c_a'].reverse_each.camelcase }
notify { '06 \'ABC_dEF\'.camelcase': message => 'ABC_dEF'.camelcase }
notify { '07 \'a__b\'.camelcase': message => 'a__b'.camelcase }
