package { 'openssh-server': ensure => installed, before => File['/etc/ssh/sshd_config'] }
file { '/etc/ssh/sshd_config': ensure => file, notify => Service['sshd'] }
service { 'sshd': ensure => running, require => [Package['openssh-server'], File['/etc/ssh/sshd_config']] }
exec { 'reload': command => '/bin/true', subscribe => File['/etc/ssh/sshd_config'], refreshonly => true }
notify { 'n0': }
notify { 'after': require => Notify['n0'] }
