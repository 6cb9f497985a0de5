notify { '01 2 ? { 1 => no, 2 => yes}': message => 2 ? { 1 => no, 2 => yes} }
notify { '02 3 ? { 1 => no, 2 => no, default => yes }': message => 3 ? { 1 => no, 2 => no, default => yes } }
notify { '03 3 ? { 1 => no, default => yes, 3 => no }': message => 3 ? { 1 => no, default => yes, 3 => no } }
notify { '04 4 ? { 1 => no, default => yes, 3 => no }': message => 4 ? { 1 => no, default => yes, 3 => no } }
notify { '05 \'banana\' ? { /.*(ana).*/  => $1 }': message => 'banana' ? { /.*(ana).*/  => $1 } }
notify { '06 [2] ? { Array[String] => yes, Array => yes}': message => [2] ? { Array[String] => yes, Array => yes} }
notify { '07 ringo ? { *[paul, john, ringo, george] => \'beatle\' }': message => ringo ? { *[paul, john, ringo, george] => 'beatle' } }
notify { '08 undef ? { undef => \'yes\' }': message => undef ? { undef => 'yes' } }
notify { '09 undef ? {*undef => \'no\', default => \'yes\'}': message => undef ? {*undef => 'no', default => 'yes'} }
notify { '10 [green, 2, whatever] ? { [/ee/, Integer[0,10], default ] => \'yes\', default => \'no\'}': message => [green, 2, whatever] ? { [/ee/, Integer[0,10], default ] => 'yes', default => 'no'} }
notify { '11 {a=>1, b=>2, whatever=>3, extra => ignored} ? {{ a => Integer[0,5], b => Integer[0,5], whatever => default } => \'yes\', default => \'no\' }': message => {a=>1, b=>2, whatever=>3, extra => ignored} ? {{ a => Integer[0,5], b => Integer[0,5], whatever => default } => 'yes', default => 'no' } }
notify { '12 \'Abc\' ? { \'abc\' => \'ci\', default => \'cs\' }': message => 'Abc' ? { 'abc' => 'ci', default => 'cs' } }
