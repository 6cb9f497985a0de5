# puppetlabs-ntp 7.2 gives many parameters `~` in its own data/common.yaml:
# a key found with a null value binds the parameter to undef.
class { 'ntp':
  servers => ['0.pool.ntp.org', '1.pool.ntp.org'],
}
