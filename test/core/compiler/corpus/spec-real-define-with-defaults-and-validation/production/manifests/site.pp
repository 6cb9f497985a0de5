define app::site(
  Enum['present', 'absent'] $ensure = 'present',
  Integer[1, 65535] $port = 80,
  Optional[String[1]] $docroot = undef,
  Array[String] $aliases = [],
) {
  $root = pick_root($docroot, "/var/www/${title}")
  file { "/etc/sites/${title}.conf":
    ensure  => $ensure ? { 'present' => 'file', default => 'absent' },
    content => "port=${port} root=${root} aliases=${aliases.join(' ')}",
  }
}
function pick_root(Optional[String] $a, String $b) >> String { $a.lest || { $b } }
app::site { 'one.example.com': port => 8080, aliases => ['www.one'] }
app::site { 'two.example.com': docroot => '/srv/two', ensure => 'absent' }
