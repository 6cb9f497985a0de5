$var = "top_msg"
node default {
  $var = "node_msg"
  foo { "testing": }
}
define foo() {
  notify { 'something': message => $var, }
}
