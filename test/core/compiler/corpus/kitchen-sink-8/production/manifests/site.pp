$major = $facts['os']['release']['major']
$n = $major + 0
$v = versioncmp($facts['os']['release']['full'], '11.0') >= 0
$truthy = $facts['is_virtual'] ? { true => 'virtual', default => 'physical' }
$strbool = 'false' ? { 'false' => 'string false matched', default => 'no' }
case $major { 11: { $c = 'int 11' } '11': { $c = 'string 11' } default: { $c = 'none' } }
$m = $major ? { Integer => 'int', String => 'str', default => 'x' }
if 'false' { $t = 'non-empty string is truthy' }
if '' { $e = 'empty string truthy' } else { $e = 'empty string falsy' }
notify { 'facts': message => [$major, $n, $v, $truthy, $strbool, $c, $m, $t, $e, $major == 11, $major == '11', 11 == 11.0] }
