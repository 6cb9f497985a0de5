node default {
  $var = "node_msg"
  include baz
}
class foo {
  $var = "foo_msg"
}
class bar inherits foo {
  notify { 'something': message => $var, }
}
class baz {
  include bar
}
