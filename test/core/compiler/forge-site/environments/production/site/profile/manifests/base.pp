# What every node has: time, SSH, package sources, journald and sysctl settings, an admin group and the MOTD.
class profile::base (
  Array[String[1]] $admins = [],
  Hash[String, Hash] $sysctl = {},
  Array[String[1]] $packages = [],
) {
  include profile::ntp
  include profile::ssh
  include profile::motd
  include profile::journald
  if $facts['os']['family'] == 'Debian' {
    include profile::apt
  }
  ensure_packages($packages)
  group { 'admins':
    ensure => present,
    gid    => 2000,
  }
  $admins.each |String $admin| {
    user { $admin:
      ensure     => present,
      groups     => ['admins'],
      managehome => true,
      shell      => '/bin/bash',
      require    => Group['admins'],
    }
  }
  $sysctl.each |String $key, Hash $setting| {
    ini_setting { "sysctl ${key}":
      ensure  => present,
      path    => '/etc/sysctl.d/90-troupe.conf',
      section => '',
      setting => $key,
      value   => $setting['value'],
    }
  }
}
