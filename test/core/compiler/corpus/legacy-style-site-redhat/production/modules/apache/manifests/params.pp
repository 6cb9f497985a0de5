class apache::params {
  case $::osfamily {
    'RedHat': { $package = 'httpd' $service = 'httpd' $confdir = '/etc/httpd/conf.d' }
    'Debian': { $package = 'apache2' $service = 'apache2' $confdir = '/etc/apache2/sites-enabled' }
    default: { fail("apache: unsupported osfamily ${::osfamily}") }
  }
}
