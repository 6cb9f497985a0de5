class a {
  notify { "a": }
}

class b {
  notify { "b": }
}

$x = include(a, b)
Array[Type[Class], 2, 2].assert_type($x)
notify { 'feedback': message => "$x" }
