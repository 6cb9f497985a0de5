# A server block; the docroot defaults from the title.
define nginx::vhost (
  Integer[1, 65535] $port = 80,
  String $docroot = "/srv/${title}",
  Array[String] $server_aliases = [],
) {
  include nginx

  file { $docroot:
    ensure => directory,
    mode   => '0755',
  }

  file { "/etc/nginx/conf.d/${title}.conf":
    ensure  => file,
    content => epp('nginx/vhost.conf.epp', {
      'server_name' => $title,
      'port'    => $port,
      'docroot' => $docroot,
      'aliases' => $server_aliases,
    }),
    require => File['/etc/nginx/conf.d'],
    notify  => Service['nginx'],
  }
}
