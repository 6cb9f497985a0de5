Exec { path => ['/bin', '/usr/bin', '/sbin', '/usr/sbin'] }
File { owner => 'root', group => 'root' }
node default {
  include apache
  include sysctl
  $users = hiera_hash('users')
  create_resources('user', $users, { 'ensure' => 'present', 'managehome' => true })
  if defined(Package['apache']) { notify { "apache via ${apache::package} on ${::operatingsystem}": } }
}
