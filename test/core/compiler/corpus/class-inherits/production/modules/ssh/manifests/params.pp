class ssh::params {
  case $facts['os']['family'] {
    'RedHat': { $package = 'openssh-server' $service = 'sshd' }
    default: { $package = 'openssh-server' $service = 'ssh' }
  }
}
