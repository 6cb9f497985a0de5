# Time from the site's servers.
class profile::ntp (
  Array[String[1]] $servers,
) {
  class { 'ntp':
    servers  => $servers,
    restrict => ['default kod nomodify notrap nopeer noquery', '127.0.0.1'],
  }
}
