notify { '01 with(1, 2) |$a, $b| { $a + $b }': message => with(1, 2) |$a, $b| { $a + $b } }
notify { '02 with([1]) |$a| { $a }': message => with([1]) |$a| { $a } }
notify { '03 [1, 2, 3, 4].map |$x| { if $x == 2 { next(20) } $x }': message => [1, 2, 3, 4].map |$x| { if $x == 2 { next(20) } $x } }
notify { '04 [1, 2, 3, 4].each |$x| { if $x == 2 { break() } }': message => [1, 2, 3, 4].each |$x| { if $x == 2 { break() } } }
notify { '05 [1, 2, 3, 4].filter |$x| { if $x == 3 { next(false) } true }': message => [1, 2, 3, 4].filter |$x| { if $x == 3 { next(false) } true } }
notify { '06 [1, 2, 3, 4].reduce |$m, $x| { if $x == 3 { next($m) } $m + $x }': message => [1, 2, 3, 4].reduce |$m, $x| { if $x == 3 { next($m) } $m + $x } }
notify { '07 [1, 2, 3, 4].map |$x| { next() }': message => [1, 2, 3, 4].map |$x| { next() } }
function production::first_big(Array $a) { $a.each |$x| { if $x > 2 { return($x) } }; undef }
notify { '08 production::first_big([1, 5, 7])': message => production::first_big([1, 5, 7]) }
notify { '09 production::first_big([1])': message => production::first_big([1]) }
