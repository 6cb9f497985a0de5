function my_split(Sensitive $sensy, $on) { $sensy.unwrap |$x| { split($x, $on) } }
$d = Deferred('my_split', [ Sensitive(Deferred('test::abc')), '-'])
$a = $d.call()
notify { $a[0]: }
