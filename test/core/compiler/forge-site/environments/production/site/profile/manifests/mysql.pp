# MySQL with the application databases from hiera.
class profile::mysql (
  String[1] $root_password,
  Hash[String, Hash] $databases = {},
) {
  class { 'mysql::server':
    root_password           => $root_password,
    remove_default_accounts => true,
    override_options        => {
      'mysqld' => {
        'bind-address'    => $facts['networking']['ip'],
        'max_connections' => 500,
      },
    },
  }
  $databases.each |String $name, Hash $db| {
    mysql::db { $name:
      user     => $db['user'],
      password => $db['password'],
      host     => $db['host'],
      grant    => ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    }
  }
}
