$a = 1000.0
$b = 2.0
$c = 0.5
$d = 1e3
$e = 1.5e-5
$f = 1e16
$g = 3.14
$h = 1.0e15
$i = 0.0001
notify { 'floats': message => "${a} ${b} ${c} ${d} ${e} ${f} ${g} ${h} ${i}" }
notify { 'raw': message => [$a, $b, $c, $d] }
notify { 'in-array': message => "${[$a, 1, $c]}" }
notify { 'in-hash': message => "${{'k' => $b}}" }
