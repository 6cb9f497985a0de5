# HAProxy balancing HTTP over the web tier.
class profile::haproxy (
  Hash[String, Stdlib::IP::Address::V4] $backends = {},
) {
  include haproxy
  haproxy::listen { 'web':
    collect_exported => false,
    ipaddress        => $facts['networking']['ip'],
    ports            => '80',
    mode             => 'http',
    options          => {
      'option'  => ['httplog', 'forwardfor'],
      'balance' => 'roundrobin',
    },
  }
  $backends.each |String $server, String $ip| {
    haproxy::balancermember { $server:
      listening_service => 'web',
      server_names      => $server,
      ipaddresses       => $ip,
      ports             => '80',
      options           => 'check',
    }
  }
}
