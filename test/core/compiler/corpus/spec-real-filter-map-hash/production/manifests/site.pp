$services = { 'nginx' => { 'enabled' => true }, 'apache' => { 'enabled' => false }, 'redis' => { 'enabled' => true } }
$enabled = $services.filter |$name, $cfg| { $cfg['enabled'] }.keys.sort
notify { 'enabled': message => $enabled }
$enabled.each |$s| { service { $s: ensure => running } }
$count = $services.filter |$kv| { !$kv[1]['enabled'] }.length
notify { 'disabled count': message => $count }
