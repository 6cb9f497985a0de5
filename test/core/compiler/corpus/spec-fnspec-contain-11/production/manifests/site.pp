class a {
  notify { "a": }
}

class b {
  notify { "b": }
}

notify { 'c': }

class container {
  contain(a, b) -> Notify[c]
}

include container
