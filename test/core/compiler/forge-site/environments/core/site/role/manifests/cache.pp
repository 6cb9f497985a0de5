# Memcached for the core services.
class role::cache {
  include profile::base
  include profile::memcached
}
