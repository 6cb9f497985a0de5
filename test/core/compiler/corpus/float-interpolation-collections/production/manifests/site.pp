$a = [1.0, 2.5, 3]
$h = { 'x' => 1.0, 'y' => [2.0] }
notify { 'array': message => "${a}" }
notify { 'hash': message => "${h}" }
notify { 'string': message => String($h) }
notify { 'join': message => join($a, ',') }
notify { 'map': message => $a.map |$x| { $x * 2 } }
