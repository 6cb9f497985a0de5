define vhost(String $docroot = "/var/www/${title}", Integer $port = 80, $server_name = $name) {
  file { $docroot: ensure => directory }
  file { "/etc/nginx/sites/${title}.conf": content => "${server_name}:${port} ${docroot}" }
  inner { "${title}-inner": }
}
define inner() { notify { "inner ${name}": } }
vhost { 'example.com': }
vhost { ['a.example.com', 'b.example.com']: port => 8080 }
vhost { 'c': server_name => 'c.example.org', docroot => '/srv/c' }
class web { vhost { 'inclass': } }
include web
