$cfg = {
  'db' => { 'host' => 'db1', 'ports' => [5432, 5433] },
  'cache' => undef,
}
notify { 'host': message => $cfg.dig('db', 'host') }
notify { 'port': message => $cfg.dig('db', 'ports', 1) }
notify { 'cache': message => $cfg.dig('cache', 'size').lest || { 'none' } }
notify { 'get': message => $cfg.get('db.ports.0') }
