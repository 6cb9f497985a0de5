# PostgreSQL: the distribution's version, the application databases and their access rules from hiera.
class profile::postgresql (
  Hash[String, Hash] $databases = {},
  Array[String] $acls = [],
) {
  class { 'postgresql::globals':
    version             => $facts['os']['family'] ? { 'Debian' => '15', default => '13' },
    manage_package_repo => false,
  }
  class { 'postgresql::server':
    listen_addresses => '*',
    ipv4acls         => $acls,
  }
  $databases.each |String $name, Hash $db| {
    postgresql::server::db { $name:
      user     => $db['user'],
      password => postgresql::postgresql_password($db['user'], $db['password']),
    }
    postgresql::server::pg_hba_rule { "app access to ${name}":
      type        => 'host',
      database    => $name,
      user        => $db['user'],
      address     => $db['network'],
      auth_method => 'scram-sha-256',
    }
  }
  postgresql::server::config_entry { 'shared_buffers':
    value => "${facts['memory']['system']['total_bytes'] / 4 / 1048576}MB",
  }
}
