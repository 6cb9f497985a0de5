# A resource titled by an Integer (apache::vhost: ensure_resource('apache::listen', $port) with port 80): Puppet keeps the name.
define listen() { notify { "listen ${name}": } }
ensure_resource('listen', 80)
ensure_resource('listen', '81')
ensure_resource('listen', [82, '83'])
create_resources('listen', { 84 => {} })
ensure_resource('notify', 86)
ensure_resource('file', '/tmp/a')
