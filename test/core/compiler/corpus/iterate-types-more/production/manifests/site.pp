notify { 'reverse': message => Integer[1, 3].reverse_each.map |$x| { $x } }
notify { 'step': message => Integer[0, 10].step(3).map |$x| { $x } }
notify { 'slice': message => Integer[1, 6].slice(2) }
notify { 'iterable': message => "${Integer[1, 5] =~ Iterable} ${Enum['a'] =~ Iterable} ${Integer =~ Iterable} ${String =~ Iterable}" }
notify { 'array': message => Array(Integer[2, 4]) }
