# The monitoring server collects every node's exported checks.
class monitoring (
  String $contact,
) {
  package { 'nagios': ensure => installed }
  file { '/etc/nagios/contact.cfg':
    ensure  => file,
    content => "contact ${contact}\n",
    require => Package['nagios'],
  }
  Monitoring::Check <<| |>> {
    notify => Service['nagios'],
  }
  service { 'nagios': ensure => running }
}
