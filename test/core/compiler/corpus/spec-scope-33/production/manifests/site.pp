$var = "top_msg"
node default {
  foo { "testing": }
}
define foo() {
  notify { 'something': message => $var, }
}
