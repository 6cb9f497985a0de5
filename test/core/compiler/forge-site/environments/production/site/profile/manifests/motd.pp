# The MOTD: a header and one fragment per role.
class profile::motd (
  String $banner = 'Managed by Puppet',
) {
  concat { '/etc/motd':
    owner => 'root',
    group => 'root',
    mode  => '0644',
  }
  concat::fragment { 'motd header':
    target  => '/etc/motd',
    content => "${banner}\n${facts['networking']['fqdn']} (${facts['os']['name']} ${facts['os']['release']['full']})\n",
    order   => '01',
  }
  concat::fragment { 'motd role':
    target  => '/etc/motd',
    content => "role: ${facts['role']}\n",
    order   => '10',
  }
}
