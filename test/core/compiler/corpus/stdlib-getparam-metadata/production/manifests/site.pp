user { 'dan': ensure => present, uid => 10 }
notify { 'a': message => getparam(User['dan'], 'uid') }
notify { 'b': message => getparam(User['dan'], 'gid') }
notify { 'c': message => getparam('User[dan]', 'ensure') }
notify { 'd': message => getparam(User['nobody'], 'uid') }
notify { 'e': message => load_module_metadata('stdlib')['name'] }
notify { 'f': message => load_module_metadata('stdlib')['version'] }
