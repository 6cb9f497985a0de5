notify { '01 *[1, 2, 3, 4, 5].step(2)': message => *[1, 2, 3, 4, 5].step(2) }
notify { '02 [*3.step(2)]': message => [*3.step(2)] }
notify { '03 [*Integer[1, 10].step(3)]': message => [*Integer[1, 10].step(3)] }
notify { '04 [*\'abcdef\'.step(2)]': message => [*'abcdef'.step(2)] }
notify { '05 [1, 2, 3, 4, 5].step(2).map |$x| { $x * 10 }': message => [1, 2, 3, 4, 5].step(2).map |$x| { $x * 10 } }
$s = []
[1, 2, 3, 4, 5].step(2) |$x| { notify { "step ${x}": } }
