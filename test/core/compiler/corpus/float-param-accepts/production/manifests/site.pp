class t(Float $x, Numeric $y, Numeric $z, Optional[Float] $w = undef) {
  notify { 't': message => "${x} ${y} ${z} ${w}" }
}
class { 't': x => 1.0, y => 2, z => 2.0 }
