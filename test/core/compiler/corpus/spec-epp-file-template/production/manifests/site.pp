$vhost = { 'name' => 'site', 'port' => 8080 }
file { '/etc/site.conf': content => epp('mod/site.conf.epp', { 'vhost' => $vhost, 'extra' => ['a', 'b'] }) }
