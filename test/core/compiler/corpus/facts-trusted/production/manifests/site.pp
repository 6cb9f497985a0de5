notify { 'facts': message => "${facts['os']['family']} ${facts['networking']['interfaces']['eth0']['ip']} ${::osfamily} ${osfamily}" }
notify { 'trusted': message => "${trusted['certname']} ${trusted['hostname']} ${trusted['domain']} ${trusted['extensions']['pp_role']}" }
notify { 'server': message => $server_facts['environment'] }
notify { 'env': message => $environment }
notify { 'count': message => $facts['processors']['count'] + 1 }
if $facts['is_virtual'] { notify { 'virtual': } }
