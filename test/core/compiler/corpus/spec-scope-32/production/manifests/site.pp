$var = "top_msg"
node default {
  $var = "node_msg"
  include foo
}
class foo {
  notify { 'something': message => $var, }
}
