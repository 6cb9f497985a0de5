class profile::app { include nginx file { '/etc/app.conf': content => epp('profile/app.epp', { 'n' => 1 }) } }
