node default {
  $var = "node_msg"
  include foo
}
class foo {
  $var = "foo_msg"
  bar { "testing": }
}
define bar() {
  notify { 'something': message => $var, }
}
