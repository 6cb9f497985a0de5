notify { '01 [*[1, 2, 3].reverse_each]': message => [*[1, 2, 3].reverse_each] }
notify { '02 [*\'abc\'.reverse_each]': message => [*'abc'.reverse_each] }
notify { '03 [*{\'a\' => 1, \'b\' => 2}.reverse_each]': message => [*{'a' => 1, 'b' => 2}.reverse_each] }
notify { '04 [*4.reverse_each]': message => [*4.reverse_each] }
notify { '05 [*Integer[2, 4].reverse_each]': message => [*Integer[2, 4].reverse_each] }
notify { '06 [1, 2, 3].reverse_each.map |$x| { $x + 1 }': message => [1, 2, 3].reverse_each.map |$x| { $x + 1 } }
notify { '07 [1, 2, 3].reverse_each |$x| { $x }': message => [1, 2, 3].reverse_each |$x| { $x } }
[1, 2, 3].reverse_each |$x| { notify { "rev ${x}": } }
