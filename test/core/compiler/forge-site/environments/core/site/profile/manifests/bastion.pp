# The jump host: port forwarding allowed, sessions logged.
class profile::bastion {
  ssh::server::match_block { 'admins':
    type    => 'Group',
    options => {
      'AllowTcpForwarding' => 'yes',
      'X11Forwarding'      => 'no',
    },
  }
  file { '/var/log/sessions':
    ensure => directory,
    mode   => '0750',
  }
}
