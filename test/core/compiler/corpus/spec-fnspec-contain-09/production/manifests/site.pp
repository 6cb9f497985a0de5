class a {
  notify { "a": }
}

class container {
  $x = contain(a)
  Array[Type[Class], 1, 1].assert_type($x)
  notify { 'feedback': message => "$x" }
}

include container
