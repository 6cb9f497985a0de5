# OpenSSH server with a hardened default configuration.
class ssh (
  Integer[1, 65535] $port,
  Enum['yes', 'no', 'prohibit-password'] $permit_root_login,
  String $service_name = 'sshd',
  Array[String] $allow_groups = [],
  Boolean $collect_known_hosts = false,
) {
  package { 'openssh-server': ensure => installed }

  file { '/etc/ssh/sshd_config':
    ensure  => file,
    mode    => '0600',
    content => @("SSHD"/L),
      # Managed by Puppet
      Port ${port}
      PermitRootLogin ${permit_root_login}
      PasswordAuthentication no
      | SSHD
    require => Package['openssh-server'],
    notify  => Service[$service_name],
  }


  service { $service_name:
    ensure => running,
    enable => true,
  }

  # Every node publishes its host key. Only jump hosts collect them all:
  # collecting on every node makes each catalog grow with the fleet (O(N²)).
  @@ssh::known_host { $trusted['certname']:
    ip  => $facts['networking']['ip'],
    key => $facts.dig('ssh', 'ecdsa', 'key'),
  }
  if $collect_known_hosts {
    Ssh::Known_host <<| |>>
  }
}
