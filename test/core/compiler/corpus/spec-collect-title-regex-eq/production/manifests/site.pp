@user { 'alice': ensure => present, groups => ['admin', 'dev'] }
@user { 'bob': ensure => present, groups => ['dev'] }
@user { 'carol': ensure => absent, groups => ['admin'] }
User <| groups == 'admin' and ensure == present |>
