class contained {
  notify { "contained": }
}

class container {
  contain contained
}

class first {
  notify { "first": }
}

class last {
  notify { "last": }
}

include container, first, last

Class["first"] -> Class["container"] -> Class["last"]
