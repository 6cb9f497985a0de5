node default {
  include baz
}
class foo {
}
class bar inherits foo {
  notify { 'something': message => $var, }
}
class baz {
  $var = "baz_msg"
  include bar
}
