node default {
  $var = "node_msg"
  include bar
}
class foo {
  $var = "foo_msg"
}
class bar inherits foo {
  notify { 'something': message => $var, }
}
