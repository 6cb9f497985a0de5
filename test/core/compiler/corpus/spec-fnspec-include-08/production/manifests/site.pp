class a {
  notify { "a": }
}

$x = include(a)
Array[Type[Class], 1, 1].assert_type($x)
notify { 'feedback': message => "$x" }
