# A utility host: the baseline only.
class role::base {
  include profile::base
}
