# Baseline of the data hosts: time, SSH, journald, sysctl, MOTD, admin accounts and packages.
class profile::base (
  Hash[String, Hash] $admins = {},
  Array[String[1]] $packages = [],
  Hash[String, String] $sysctl = {},
) {
  unless $facts['role'] == 'timeserver' {
    class { 'ntp':
      servers => lookup('profile::base::ntp_servers'),
    }
  }
  class { 'ssh':
    storeconfigs_enabled => false,
    server_options       => lookup('profile::base::sshd', Hash, 'hash', {}),
  }
  class { 'systemd':
    manage_journald   => true,
    journald_settings => { 'Storage' => 'persistent', 'SystemMaxUse' => '256M' },
    manage_timesyncd  => false,
  }
  $sysctl.each |String $key, String $value| {
    ini_setting { "sysctl ${key}":
      ensure  => present,
      path    => '/etc/sysctl.d/90-data.conf',
      section => '',
      setting => $key,
      value   => $value,
    }
  }
  ensure_packages($packages, { 'ensure' => 'installed' })
  $admins.each |String $name, Hash $admin| {
    user { $name:
      ensure     => present,
      uid        => $admin['uid'],
      groups     => pick($admin['groups'], ['wheel']),
      managehome => true,
    }
    file { "/home/${name}/.ssh/authorized_keys":
      ensure  => file,
      owner   => $name,
      mode    => '0600',
      content => "ssh-ed25519 ${admin['key']} ${name}@data\n",
      require => User[$name],
    }
  }
  concat { '/etc/motd':
    mode => '0644',
  }
  concat::fragment { 'motd':
    target  => '/etc/motd',
    content => "${facts['networking']['fqdn']}: ${facts['role']} (data)\n",
    order   => '01',
  }
}
