node default {
  $var = "node_msg"
  include foo
}
class baz {
  $var = "baz_msg"
  include bar
}
class foo inherits baz {
}
class bar {
  notify { 'something': message => $var, }
}
