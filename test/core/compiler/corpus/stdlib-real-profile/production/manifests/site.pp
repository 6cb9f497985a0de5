class profile::base (
  Hash $packages = {'vim' => {}, 'curl' => {}},
  Stdlib::Absolutepath $confdir = '/etc/acme',
  Optional[Stdlib::Port] $port = undef,
) {
  ensure_packages($packages)
  $settings = merge({'port' => pick($port, 8080), 'dir' => $confdir}, {'extra' => delete_undef_values([1, undef, 2])})
  file { $confdir: ensure => directory }
  file { "${confdir}/settings.yaml":
    ensure  => file,
    content => to_yaml($settings),
    require => File[$confdir],
  }
  file { "${confdir}/settings.json": ensure => file, content => to_json_pretty($settings) }
}
class profile::web {
  ensure_packages(['curl', 'nginx'], {'ensure' => 'present'})
  ensure_resource('user', 'www', {'ensure' => 'present', 'groups' => union(['www'], ['adm', 'www'])})
}
include profile::base
include profile::web
notify { 'facts': message => join_keys_to_values(delete($facts['os'], 'release'), '=') }
