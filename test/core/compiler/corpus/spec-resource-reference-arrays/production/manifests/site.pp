file { ['/a', '/b']: }
notify { 'refs': require => File['/a', '/b'], message => String(File['/a', '/b']) }
notify { 'ref-array': before => [File['/a'], File['/b']] }
