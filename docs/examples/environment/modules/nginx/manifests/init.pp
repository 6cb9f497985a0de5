# nginx with one server block per virtual host.
class nginx (
  String $user = 'nginx',
  Integer[1] $worker_connections = 1024,
  Integer[1] $worker_processes = $facts['processors']['count'],
) {
  package { 'nginx': ensure => installed }

  file { ['/etc/nginx', '/etc/nginx/conf.d']:
    ensure  => directory,
    mode    => '0755',
    require => Package['nginx'],
  }

  file { '/etc/nginx/nginx.conf':
    ensure  => file,
    content => epp('nginx/nginx.conf.epp', {
      'user'               => $user,
      'worker_processes'   => $worker_processes,
      'worker_connections' => $worker_connections,
    }),
    notify  => Service['nginx'],
  }

  service { 'nginx':
    ensure => running,
    enable => true,
  }
}
