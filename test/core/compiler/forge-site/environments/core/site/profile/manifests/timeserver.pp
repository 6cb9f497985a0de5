# An NTP server for the site's networks, from public pools.
class profile::timeserver (
  Array[String[1]] $upstream,
  Array[Stdlib::IP::Address::V4::CIDR] $clients,
) {
  $restrict = $clients.map |$net| {
    $parts = split($net, '/')
    "${parts[0]} mask 255.255.0.0 nomodify notrap"
  }
  class { 'ntp':
    servers  => $upstream,
    restrict => ['default kod nomodify notrap nopeer noquery', '127.0.0.1'] + $restrict,
    iburst_enable => true,
  }
}
