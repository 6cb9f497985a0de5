class ntp(
  Array[String] $servers = ['0.pool.ntp.org', '1.pool.ntp.org'],
  Boolean $enable = true,
  $untyped = 'u',
  Optional[String] $extra = undef,
  Integer[1, 10] $minpoll = 4,
) {
  package { 'ntp': ensure => installed }
  file { '/etc/ntp.conf': content => join($servers, ' ') }
  service { 'ntp': ensure => $enable ? { true => running, default => stopped } }
}
class base { include ntp require dns contain motd }
class dns { notify { 'dns': } }
class motd { file { '/etc/motd': content => 'hi' } }
include base
