# What every node gets: time, ssh, motd, admin accounts, a ping check.
class profile::base (
  Hash[String, Hash] $admins = {},
) {
  include ntp
  include ssh
  class { 'motd': role => $facts['role'] }

  $admins.each |String $login, Hash $attrs| {
    user { $login:
      ensure     => present,
      managehome => true,
      *          => $attrs,
    }
  }

  @@monitoring::check { "ping-${trusted['certname']}":
    host => $trusted['certname'],
  }
}
