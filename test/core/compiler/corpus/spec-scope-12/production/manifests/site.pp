$c = "topscope"
class c { $b = "class" }
node default {
  include c
  notify { 'something': message => $::c::b }
}
