exec { 'early': command => '/bin/early' }
Exec { path => '/usr/bin' }
class c {
  File { mode => '0600' }
  file { '/tmp/before': ensure => file }
  File { owner => 'root' }
}
include c
