# Memcached for the application tier.
class role::cache {
  include profile::base
  include profile::firewall
  include profile::memcached
}
