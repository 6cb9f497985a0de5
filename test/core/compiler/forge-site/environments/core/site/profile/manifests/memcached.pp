# Memcached sized from the node's memory.
class profile::memcached (
  String $max_memory = '50%',
) {
  class { 'memcached':
    max_memory => $max_memory,
    listen_ip  => $facts['networking']['ip'],
  }
}
