notify { '01 [1, 2, 3, 4, 5, 6].slice(2)': message => [1, 2, 3, 4, 5, 6].slice(2) }
notify { '02 [1, 2, 3, 4, 5].slice(2)': message => [1, 2, 3, 4, 5].slice(2) }
notify { '03 [1, 2, 3, 4, 5].slice(2) |$a, $b| { "${a}${b}" }': message => [1, 2, 3, 4, 5].slice(2) |$a, $b| { "${a}${b}" } }
notify { '04 {\'a\' => 1, \'b\' => 2, \'c\' => 3}.slice(2)': message => {'a' => 1, 'b' => 2, 'c' => 3}.slice(2) }
notify { '05 \'abcde\'.slice(2)': message => 'abcde'.slice(2) }
notify { '06 5.slice(2)': message => 5.slice(2) }
notify { '07 [1, 2, 3].slice(5)': message => [1, 2, 3].slice(5) }
$r = []
[1, 2, 3, 4].slice(2) |$x| { notify { "slice ${x}": } }
