# MySQL: server options and the application databases from hiera.
class profile::mysql (
  String[1] $root_password,
  Integer $server_id,
  Hash[String, Hash] $databases = {},
  Boolean $replica = false,
) {
  $replication = $replica ? {
    true    => { 'read_only' => true, 'relay-log' => 'relay-bin' },
    default => { 'log-bin' => 'mysql-bin', 'binlog_format' => 'ROW' },
  }
  class { 'mysql::server':
    root_password           => $root_password,
    remove_default_accounts => true,
    override_options        => {
      'mysqld' => {
        'bind-address'    => $facts['networking']['ip'],
        'server-id'       => $server_id,
        'max_connections' => 500,
        'ssl-disable'     => true,
      } + $replication,
    },
  }
  $databases.each |String $name, Hash $db| {
    mysql::db { $name:
      user     => $db['user'],
      password => $db['password'],
      host     => $db['host'],
      grant    => $db['grant'],
    }
  }
  mysql_user { 'monitor@localhost':
    ensure        => present,
    password_hash => mysql::password('monitor-secret'),
  }
}
