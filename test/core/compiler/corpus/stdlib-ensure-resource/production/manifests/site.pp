ensure_resource('user', 'dan', {'ensure' => 'present'})
ensure_resource('user', 'dan', {'ensure' => 'present'})
ensure_resource('file', ['/tmp/a', '/tmp/b'], {'ensure' => 'directory'})
ensure_resource('package', 'x')
