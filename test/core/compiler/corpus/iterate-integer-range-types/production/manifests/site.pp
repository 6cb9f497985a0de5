$out = []
notify { 'each': message => Integer[1, 5].map |$i| { $i * 10 } }
notify { 'map': message => Integer[0, 3].map |$x| { "n${x}" } }
notify { 'filter': message => Integer[3, 9].filter |$x| { $x % 2 == 0 } }
notify { 'reduce': message => Integer[1, 4].reduce |$m, $x| { $m + $x } }
notify { 'reduce-memo': message => Integer[1, 4].reduce(100) |$m, $x| { $m + $x } }
notify { 'index': message => Integer[5, 7].map |$i, $v| { "${i}:${v}" } }
notify { 'any-all': message => "${Integer[1, 3].any |$x| { $x > 2 }} ${Integer[1, 3].all |$x| { $x > 2 }}" }
Integer[1, 2].each |$i| { notify { "each-${i}": } }
