$common = { 'owner' => 'root', 'mode' => '0640' }
file { '/etc/one': ensure => file, * => $common }
file {
  default: ensure => directory, owner => 'app';
  '/srv/a': ;
  '/srv/b': owner => 'other';
}
$svc = { 'ensure' => 'running', 'enable' => true }
service { 'ssh': * => $svc }
