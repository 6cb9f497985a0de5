@@file { '/tmp/exported-one': content => 'x', tag => 'exp' }
@@file { '/tmp/exported-two': content => 'y' }
File <<| tag == 'exp' |>>
