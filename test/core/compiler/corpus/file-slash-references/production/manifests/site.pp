file { '/srv/data/': ensure => directory }
file { '/srv/data/f': require => File['/srv/data'] }
exec { 'run': command => '/bin/true' }
notify { 'n': require => Exec['run'] }
