node default {
  $var = "node_msg"
  include baz
}
class foo {
}
class bar inherits foo {
  notify { 'something': message => $var, }
}
class baz {
  include bar
}
