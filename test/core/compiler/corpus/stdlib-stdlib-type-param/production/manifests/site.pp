class x (Stdlib::Absolutepath $dir, Stdlib::Port $port, Optional[Stdlib::Fqdn] $fqdn = undef, Stdlib::Ensure::Service $e = 'running') {
  notify { "${dir}:${port}:${e}": }
}
class { 'x': dir => '/srv', port => 8080 }
