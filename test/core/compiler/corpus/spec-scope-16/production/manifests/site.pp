class c {
  notify { 'something': message => "$a::b" }
}
class parent {
  $b = 'from parent'
}
class a inherits parent { }

node default {
  $b = "from node"
  include a
  include c
}
