notify { 'map': message => Enum['b', 'a', 'c'].map |$x| { upcase($x) } }
notify { 'index': message => Enum['x', 'y'].map |$i, $v| { "${i}=${v}" } }
notify { 'filter': message => Enum['apple', 'banana', 'cherry'].filter |$x| { $x =~ /an/ } }
Enum['red', 'green'].each |$c| { notify { "color-${c}": } }
