class required { }
class also_required { }

class requiring {
  require required
  require also_required
}
include requiring
