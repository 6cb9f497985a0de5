$h = { 'z' => 1, 'a' => 2, 'm' => 3 }
notify { 'keys': message => $h.keys }
notify { 'sorted': message => $h.keys.sort }
notify { 'values': message => $h.values }
notify { 'pairs': message => $h.map |$k, $v| { "${k}${v}" } }
$h2 = $h + { 'a' => 20, 'b' => 4 }
notify { 'merged order': message => $h2.keys }
notify { 'removed': message => ($h - 'z').keys }
