notify { '01 -(5)': message => -(5) }
notify { '02 -(-5)': message => -(-5) }
notify { '03 -2.5': message => -2.5 }
notify { '04 - \'3\'': message => - '3' }
notify { '05 !!true': message => !!true }
notify { '06 2 * -3 + 4': message => 2 * -3 + 4 }
notify { '07 (1 + 2) * 3': message => (1 + 2) * 3 }
notify { '08 10 - 2 - 3': message => 10 - 2 - 3 }
notify { '09 2 * 3 % 4': message => 2 * 3 % 4 }
notify { '10 7 / 2 * 2': message => 7 / 2 * 2 }
notify { '11 1 + 2 == 3': message => 1 + 2 == 3 }
notify { '13 [1, 2] + [3] - [1]': message => [1, 2] + [3] - [1] }
notify { '14 {\'a\' => 1} + {\'b\' => 2} - [\'a\']': message => {'a' => 1} + {'b' => 2} - ['a'] }
