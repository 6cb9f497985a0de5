class required {
  notify { "required": }
}
class requiring {
  require required
}
include requiring
