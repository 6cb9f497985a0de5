define monitor::check(String $host, Integer $port = 80) { notify { "check ${title}": message => "${host}:${port}" } }
Monitor::Check <<| port == 443 or title == 'db' |>>
Notify <<| |>>
