$pkg = $facts['os']['family'] ? {
  'RedHat' => 'httpd',
  /(Debian|Ubuntu)/ => 'apache2',
  default => 'apache',
}
package { $pkg: ensure => installed }
service { $pkg: ensure => running, enable => true, subscribe => Package[$pkg] }
$ports = [80, 443].map |$p| { "${p}/tcp" }
notify { 'ports': message => $ports.join(',') }
