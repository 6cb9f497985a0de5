class profile::web::nginx {
  tag 'webserver'
  file { '/etc/nginx': ensure => directory, tag => ['config', 'Mixed::Case'] }
}
class role::web { include profile::web::nginx }
include role::web
