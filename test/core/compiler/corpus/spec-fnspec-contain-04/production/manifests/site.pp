class a {
  notify { "a": }
}

class b {
  notify { "b": }
}

class container {
  contain a, b
}

include container
