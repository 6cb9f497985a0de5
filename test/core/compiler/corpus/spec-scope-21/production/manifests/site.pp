$var = "top msg"
class foo {
}

class bar inherits ::foo {
  notify { 'something': message => $var, }
}

include bar
