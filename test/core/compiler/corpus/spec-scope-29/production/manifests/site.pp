node default {
  $var = "node_msg"
  include other::bar
}
class other {
  $var = "other_msg"
  class bar {
    notify { 'something': message => $var, }
  }
}
