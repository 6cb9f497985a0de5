include bar

class foo {
  $var = "inherited"
}

class bar inherits foo {
  $var = "local_msg"
  notify { 'something': message => $var, }
}
