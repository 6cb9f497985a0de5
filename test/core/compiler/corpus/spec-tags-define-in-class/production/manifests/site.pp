define app::vhost($port = 80) { file { "/etc/vhosts/${title}": content => "${port}" } }
class app::web { app::vhost { 'site.example.com': port => 8080 } }
include app::web
