# Serves time to the site.
class role::timeserver {
  include profile::base
  include profile::timeserver
}
