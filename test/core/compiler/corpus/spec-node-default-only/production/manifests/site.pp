node default { notify { 'in default': message => [$facts['hostname'], $::fqdn] } }
notify { 'top': }
