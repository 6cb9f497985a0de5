node default {
  $var = "node_msg"
  include bar
}
class quux {
  $var = "quux_msg"
}
class foo inherits quux {
}
class baz {
  include foo
}
class bar inherits baz {
  notify { 'something': message => $var, }
}
