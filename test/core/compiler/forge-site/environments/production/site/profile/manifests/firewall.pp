# Host firewall: established traffic, SSH from the admin network, then the role's ports.
class profile::firewall (
  Hash[String, Hash] $rules = {},
  String $admin_network = '10.0.0.0/8',
) {
  Firewall {
    proto => 'tcp',
  }
  firewall { '000 accept related established':
    proto => 'all',
    state => ['RELATED', 'ESTABLISHED'],
    jump  => 'accept',
  }
  firewall { '010 accept ssh from admins':
    dport  => 22,
    source => $admin_network,
    jump   => 'accept',
  }
  $rules.each |String $name, Hash $rule| {
    firewall { $name:
      * => { 'jump' => 'accept' } + $rule,
    }
  }
  firewall { '999 drop the rest':
    proto => 'all',
    jump  => 'drop',
  }
}
