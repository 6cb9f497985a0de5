# sshd hardened; the options come from hiera (ssh::server_options merged deep).
class profile::ssh {
  class { 'ssh':
    storeconfigs_enabled => false,
    server_options       => lookup('profile::ssh::server_options', Hash, 'deep', {}),
    client_options       => { 'HashKnownHosts' => 'yes' },
  }
}
