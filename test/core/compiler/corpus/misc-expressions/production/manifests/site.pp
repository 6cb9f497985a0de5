$ip = $facts['networking']['ip']
$octets = split($ip, '\.')
$chained = [3, 1, 2].map |$x| { $x * 10 }.sort.join(',')
$nested = "${[1, 2].map |$x| { $x + 1 }}"
$sel = "value: ${$facts['os']['family'] ? { 'Debian' => 'deb', default => 'other' }}"
$u = undef
$checks = [$u == undef, $u =~ Undef, 'x' =~ NotUndef, $octets[0] in ['10', '192'], '10' < '9', 0x1F, 017, 1e3, 7 / 2, 7.5 / 2, -7 % 3]
notify { 'misc': message => [$octets, $chained, $nested, $sel, $checks] }
unless $u { notify { 'unless undef': } } else { notify { 'never': } }
[File['/a'], File['/b']] -> Service['s']
file { ['/a', '/b']: }
service { 's': }
$res = Resource['file', '/c']
file { '/c': require => $res }
notice("noticed ${ip}")
warning('warned')
