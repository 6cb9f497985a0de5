$f = 2.0
$a = [2.0, 'a']
$h = { 'k' => 'v' }
notify { 'string': message => [String(2.0), String(2.5), String(-0.5), String(1e20)] }
notify { 'nested': message => [String([2.0, 'a']), String({ 'k' => 2.5 }), String('x'), String(undef), String(true)] }
notify { 'interp': message => "${f} ${a} ${h}" }
