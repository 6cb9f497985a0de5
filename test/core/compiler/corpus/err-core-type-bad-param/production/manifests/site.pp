file { '/x': ensure => file, bogus => 1 }
