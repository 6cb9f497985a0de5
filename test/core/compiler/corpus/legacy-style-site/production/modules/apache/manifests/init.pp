class apache(
  $package = $apache::params::package,
  $service = $apache::params::service,
  $confdir = $apache::params::confdir,
  $mpm = 'prefork',
  $vhosts = {},
) inherits apache::params {
  package { 'apache': ensure => installed, name => $package }
  service { 'apache': ensure => running, name => $service, enable => true, require => Package['apache'] }
  file { "${confdir}/mpm.conf": content => template('apache/mpm.conf.erb'), notify => Service['apache'] }
  create_resources('apache::vhost', $vhosts)
}
