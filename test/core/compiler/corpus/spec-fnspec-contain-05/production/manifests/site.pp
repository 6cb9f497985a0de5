class contained {
  notify { "contained": }
}

class container {
  contain contained
}

class another {
  contain contained
}

include container
include another
