$base = 10
$r = [1, 2].map |$x| { $y = $x + $base $y * 2 }
notify { 'lambda': message => $r }
$w = with(5, 6) |$a, $b| { $a * $b }
notify { 'with': message => $w }
$n = [1, 2, 3, 4].map |$v| { if $v == 2 { next(0) } $v }
notify { 'next': message => $n }
$acc = [1, 2, 3].each |$v| { if $v == 2 { break() } notify { "each ${v}": } }
function local_fn(Integer $x) { if $x > 1 { return('big') } 'small' }
notify { 'fn': message => [local_fn(1), local_fn(5)] }
