node default {
  include foo::bar
}
class baz {
  $var = "top baz"
}
class foo {
  class baz {
    $var = "inner baz"
  }

  class bar inherits foo::baz {
    notify { 'something': message => $var, }
  }
}
