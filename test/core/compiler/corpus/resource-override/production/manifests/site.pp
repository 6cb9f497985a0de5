class base {
  file { '/etc/base': ensure => file, mode => '0644', owner => 'root' }
  service { 'svc': ensure => running }
}
class base::special inherits base {
  File['/etc/base'] { mode => '0600', group => 'wheel' }
  Service['svc'] { ensure => stopped }
}
include base::special
notify { 'early': }
Notify['early'] { message => 'set later' }
file { '/etc/plus': ensure => file, require => Package['a'] }
package { ['a', 'b']: }
