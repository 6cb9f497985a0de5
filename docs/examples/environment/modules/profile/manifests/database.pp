# A PostgreSQL server, sized from the node's memory.
class profile::database (
  Integer $shared_buffers_mb = $facts['memory']['system']['total_bytes'] / 4 / 1048576,
) {
  package { 'postgresql-server': ensure => installed }
  -> file { '/etc/postgresql.conf':
    ensure  => file,
    content => "shared_buffers = ${shared_buffers_mb}MB\n",
  }
  ~> service { 'postgresql': ensure => running, enable => true }

  @@monitoring::check { "pg-${trusted['certname']}":
    host => $trusted['certname'],
    kind => 'tcp',
    port => 5432,
  }
}
