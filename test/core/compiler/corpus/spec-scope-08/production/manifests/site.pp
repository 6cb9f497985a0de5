$c = "topscope"
node default {
  $c = "nodescope"
  notify { 'something': message => $::c }
}
