class ntp(Array[String] $servers, Boolean $enable = false, String $driftfile = '/var/lib/ntp/drift') {
  notify { 'ntp': message => "${servers} ${enable} ${driftfile}" }
}
class motd(String $message = 'default') { file { '/etc/motd': content => $message } }
include ntp, motd
notify { 'lookups': message => [
  lookup('users'), lookup('users', Array[String], 'unique'), lookup('settings', Hash, 'hash'), lookup('settings', Hash, 'deep'),
  lookup('missing', String, 'first', 'fallback'), lookup('merged_users'), lookup({ 'name' => 'nope', 'default_value' => 'dv' }),
  lookup('settings.nested.y'),
] }
