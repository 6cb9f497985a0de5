node default {
  include bar
}
class foo {
  class baz {
    $var = "foo_msg"
  }
}
class bar inherits foo::baz {
  notify { 'something': message => $var, }
}
