class a {
  notify { "a": }
}

class b {
  notify { "b": }
}

notify { 'c': }

include(a, b) -> Notify[c]
