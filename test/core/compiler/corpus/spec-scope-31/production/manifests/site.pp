$var = "top_msg"
node default {
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
