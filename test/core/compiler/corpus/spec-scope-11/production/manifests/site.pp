class c { $b = "class" }
node default {
  $c = "nodescope"
  include c
  notify { 'something': message => $c::b }
}
