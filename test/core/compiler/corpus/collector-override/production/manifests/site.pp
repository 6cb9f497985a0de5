class users {
  @user { 'web': ensure => present, tag => 'web' }
  @user { 'db': ensure => present, tag => 'db' }
  @user { 'ops': ensure => present, tag => ['web', 'db'] }
}
include users
User <| tag == 'web' |> { shell => '/bin/bash', groups => ['www'] }
file { '/a': owner => 'x', tag => 'fix' }
file { '/b': owner => 'y' }
File <| tag == 'fix' or title == '/b' |> { owner => 'root' }
Notify <| title == 'late' |> { message => 'overridden' }
notify { 'late': message => 'orig' }
