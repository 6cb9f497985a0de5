class profile(Array $packages, Hash $config) {
  notify { 'packages': message => $packages }
  notify { 'config': message => $config }
  notify { 'first': message => lookup('profile::config', Hash, 'first') }
}
include profile
