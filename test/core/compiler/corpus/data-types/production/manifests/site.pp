class typed(
  String[1] $s,
  Optional[Integer] $oi,
  Enum['a', 'b'] $e,
  Pattern[/^\d+$/] $p,
  Array[Integer, 1, 3] $ai,
  Hash[String, Integer] $hsi,
  Struct[{ name => String, Optional[port] => Integer }] $st,
  Variant[String, Integer] $v,
  Numeric $n = 1.5,
  Boolean $b = false,
  Data $d = { 'x' => [1, 'y', undef] },
  Tuple[String, Integer] $t = ['a', 1],
) {
  notify { 'typed': message => [$s, $oi, $e, $p, $ai, $hsi, $st, $v, $n, $b, $d, $t] }
}
class { 'typed': s => 'x', oi => undef, e => 'b', p => '123', ai => [1, 2], hsi => { 'k' => 1 }, st => { 'name' => 'n' }, v => 3 }
notify { 'instances': message => [
  'a' =~ String, 1 =~ String, [1] =~ Array[Integer], { 'a' => 1 } =~ Hash[String, Integer], undef =~ Optional[String],
  'x' =~ Enum['x', 'y'], 5 =~ Integer[6], 'abc' =~ Pattern[/b/], 1.5 =~ Float, true =~ Boolean, File['/x'] =~ Resource,
] }
