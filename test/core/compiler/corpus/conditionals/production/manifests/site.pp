$osf = $facts['os']['family']
if $osf == 'RedHat' { $pkg = 'httpd' } elsif $osf == 'Debian' { $pkg = 'apache2' } else { $pkg = 'unknown' }
unless $osf == 'Windows' { notify { 'not windows': } } else { notify { 'windows': } }
case $osf {
  'RedHat', 'CentOS': { $svc = 'httpd' }
  'Debian', 'Ubuntu': { $svc = 'apache2' }
  default: { $svc = 'none' }
}
$size = $facts['processors']['count'] ? { 1 => 'small', 2 => 'medium', default => 'large' }
$v = if $osf == 'Debian' { 'yes' } else { 'no' }
notify { 'result': message => "${pkg} ${svc} ${size} ${v}" }
case [$osf, 11] { ['Debian', 11]: { notify { 'array case': } } default: {} }
