class ssh(
  String $package = $ssh::params::package,
  String $service = $ssh::params::service,
  Integer $port = 22,
) inherits ssh::params {
  package { $package: ensure => installed }
  -> file { '/etc/ssh/sshd_config': content => "Port ${port}\n" }
  ~> service { $service: ensure => running }
}
