notify { '01 [1, 2, 3].reduce |$memo, $v| { $memo + $v }': message => [1, 2, 3].reduce |$memo, $v| { $memo + $v } }
notify { '02 [1, 2, 3].reduce(4) |$memo, $v| { $memo + $v }': message => [1, 2, 3].reduce(4) |$memo, $v| { $memo + $v } }
notify { '03 {\'a\' => 1, \'b\' => 2}.reduce |$memo, $e| { [$memo[1] + $e[1]] }': message => {'a' => 1, 'b' => 2}.reduce |$memo, $e| { [$memo[1] + $e[1]] } }
notify { '04 {\'a\' => 1, \'b\' => 2}.reduce({}) |$memo, $e| { $memo + { $e[1] => $e[0] } }': message => {'a' => 1, 'b' => 2}.reduce({}) |$memo, $e| { $memo + { $e[1] => $e[0] } } }
notify { '05 4.reduce |$m, $v| { $m * 10 + $v }': message => 4.reduce |$m, $v| { $m * 10 + $v } }
notify { '06 [].reduce |$m, $v| { $m + $v }': message => [].reduce |$m, $v| { $m + $v } }
notify { '07 [5].reduce |$m, $v| { 0 }': message => [5].reduce |$m, $v| { 0 } }
notify { '08 [\'a\', \'b\', \'c\'].reduce(\'\') |$m, $v| { "${m}${v}" }': message => ['a', 'b', 'c'].reduce('') |$m, $v| { "${m}${v}" } }
