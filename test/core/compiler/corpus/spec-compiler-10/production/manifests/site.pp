class foo::bar::example($x = 100)  {
  $ah = 10
  $c = undef
}
include foo::bar::example

[$a, $x, $c] = Class['foo::bar::example']
notify{'check_me': message => "$a, $x, -${c}-" }
