define nagios_like::service($check, $host = $trusted['certname']) { notify { "svc ${title} ${check} on ${host}": } }
@@nagios_like::service { "load-${trusted['certname']}": check => 'load', tag => 'monitored' }
@@file { '/etc/exported-own': content => 'own', tag => 'mine' }
Nagios_like::Service <<| tag == 'monitored' |>> { check => 'overridden' }
File <<| tag == 'mine' or tag == 'theirs' |>>
