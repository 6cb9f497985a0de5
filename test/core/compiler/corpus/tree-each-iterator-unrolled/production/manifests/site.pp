$a = [1, 3, [2]]
$b = Array($a.tree_each({ order => 'depth_first' }))
$c = *$a.tree_each({ order => 'breadth_first' })
notify { 'array': message => $b.map |$v| { "${v[0]}=${v[1]}" } }
notify { 'splat': message => $c.map |$v| { "${v[0]}=${v[1]}" } }
$r = $a.tree_each |$path, $x| { 'unwanted' }
notify { 'returns-input': message => "${r}" }
