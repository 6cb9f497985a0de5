user { 'dan': ensure => present, uid => '10' }
notify { 'a': message => defined_with_params(User['dan'], {'ensure' => 'present'}) }
notify { 'b': message => defined_with_params(User['dan'], {'ensure' => 'absent'}) }
notify { 'c': message => defined_with_params('User[dan]') }
notify { 'd': message => defined_with_params(User['nobody']) }
notify { 'e': message => defined_with_params(User['dan'], {'uid' => 10}) }
notify { 'f': message => defined_with_params(User['dan'], '') }
