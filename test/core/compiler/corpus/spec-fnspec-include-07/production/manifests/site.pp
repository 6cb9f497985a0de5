class not_contained {
  notify { "not_contained": }
}

class container {
  include not_contained
}

include container
