case $facts['os']['family'] {
  'RedHat', 'CentOS': { $svc = 'crond' }
  'Debian': { $svc = 'cron' }
  default: { fail("unsupported ${facts['os']['family']}") }
}
service { $svc: ensure => running }
if versioncmp($facts['os']['release']['full'], '11.0') >= 0 { notify { 'new enough': } }
unless $facts['is_virtual'] { notify { 'physical': } }
