define apache::vhost($port = 80, $ssl = false, $docroot = "/var/www/${name}") {
  include apache
  file { "${apache::confdir}/${name}.conf":
    content => template('apache/vhost.conf.erb'),
    notify  => Service['apache'],
  }
  if $ssl { file { "/etc/ssl/${name}.pem": ensure => file, mode => '0600' } }
}
