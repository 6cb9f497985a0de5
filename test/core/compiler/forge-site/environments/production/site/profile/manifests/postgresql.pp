# PostgreSQL with the application databases from hiera.
class profile::postgresql (
  Hash[String, Hash] $databases = {},
) {
  class { 'postgresql::globals':
    version             => $facts['os']['family'] ? { 'Debian' => '15', default => '13' },
    manage_package_repo => false,
  }
  class { 'postgresql::server':
    listen_addresses => '*',
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
      auth_method => 'md5',
    }
  }
}
