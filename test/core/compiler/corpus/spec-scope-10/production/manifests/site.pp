class c { }
node default {
  $c = "nodescope"
  include c
  notify { 'something': message => $c }
}
