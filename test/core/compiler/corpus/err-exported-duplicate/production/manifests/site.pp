file { '/etc/clash': content => 'local' }
File <<| |>>
