class included {
  notify { "included": }
}
class included_too {
  notify { "included_too": }
}

include [included, included_too]
