package { 'c': ensure => latest }
ensure_packages(['c'])
