user { 'dan': ensure => present }
file { '/tmp/a': ensure => file }
notify { 'c': message => defined_with_params(File['/tmp/a'], {'ensure' => 'file', 'mode' => undef}) }
notify { 'd': message => defined_with_params('File[/tmp/a]', {'ensure' => 'present'}) }
notify { 'e': message => defined_with_params('file[/tmp/a]') }
