node default {
  include baz
}
class foo {
  $var = "foo_msg"
}
class bar inherits foo {
  notify { 'something': message => $var, }
}
class baz {
  $var = "baz_msg"
  include bar
}
