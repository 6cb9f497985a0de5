@user { 'alice': ensure => present, uid => 1001, groups => ['admin'] }
@user { 'bob': ensure => present, uid => 1002, groups => ['dev'] }
@user { 'carol': ensure => present, uid => 1003, groups => ['admin', 'dev'] }
@user { 'dave': ensure => present, uid => 1004 }
@group { 'admin': gid => 500 }
realize(User['alice'])
realize Group['admin']
User <| groups == 'dev' |> { shell => '/bin/zsh' }
@notify { 'never': }
