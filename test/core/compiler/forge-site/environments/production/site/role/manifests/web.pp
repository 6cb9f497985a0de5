# Public web server: Apache behind the host firewall.
class role::web {
  include profile::base
  include profile::firewall
  include profile::web
}
