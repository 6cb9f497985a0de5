$x = 'abc'
$h = { 'k' => ['v1', 'v2'] }
$n = 5
notify { 'i1': message => "${x.upcase} ${h['k'][1]} ${$n + 1} ${x}x ${h.keys} $x.upcase" }
notify { 'i2': message => "${facts['os']['family'].downcase} ${::hostname} ${$n * 2}" }
notify { 'i3': message => "a\nb\tc\\d \e" }
notify { 'i4': message => "${[1,2].map |$v| { $v * 2 }.join('+')}" }
$empty = ''
notify { "i5${empty}": message => "${undef}|${empty}" }
