class base($x = 'base-x') { $from_base = "base saw ${x}" }
class derived($y = 'y') inherits base {
  notify { 'derived': message => [$x, $y, $from_base, $base::from_base] }
}
include derived
