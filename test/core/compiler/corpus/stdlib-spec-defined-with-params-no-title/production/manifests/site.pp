user { 'dan': ensure => present }
notify { 'a': message => defined_with_params('User') }
