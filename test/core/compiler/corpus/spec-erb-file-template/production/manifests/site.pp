$servers = ['a', 'b']
$opts = { 'x' => 1, 'y' => 'two' }
file { '/etc/erb.conf': content => template('mod/erb.conf.erb') }
