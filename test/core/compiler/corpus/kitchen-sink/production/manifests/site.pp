class order($y = 1, $x = $y) { notify { "order [${x}] ${y}": } }
include order
define d($label = "t-${title}") { notify { $label: } }
d { 'one': }
$attrs = { 'message' => undef, 'withpath' => true }
notify { 'splat-undef': * => $attrs }
$m = [1, 2, 3, 4].map |$v| { if $v > 2 { break() } $v * 10 }
notify { 'break-map': message => $m }
$cmp = [[1, 2] == [1, 2], { 'a' => 1 } == { 'a' => 1 }, [1] == { 'a' => 1 }, 'A' in ['a'], /b/ in ['abc']]
notify { 'compare': message => $cmp }
case ['web', 42] {
  [/^w/, Integer]: { notify { 'array regex case': } }
  default: { notify { 'no': } }
}
$r = 'x' ? { /(x)/ => "got ${1}", default => 'none' }
notify { 'sel-capture': message => $r }
$nested = { 'a' => { 'b' => { 'c' => [1, { 'd' => 'deep' }] } } }
notify { 'nested': message => [$nested['a']['b']['c'][1]['d'], $nested.dig('a', 'b', 'c', 0)] }
notify { 'ints': message => [1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 10 % 4, -3 / 2, 2 << 2] }
