node default {
  include baz
}
class foo {
}
class bar inherits foo {
  $var = "local_msg"
  notify { 'something': message => $var, }
}
class baz {
  include bar
}
