class included {
  notify { "included": }
}

include ::included
