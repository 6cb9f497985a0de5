file { '/etc/motd': ensure => file, content => "hello\n", mode => '0644' }
package { ['vim', 'curl', 'git']: ensure => installed }
service { 'cron': ensure => running, enable => true; 'rsyslog': ensure => running }
notify { 'n1': }
user { 'deploy': ensure => present, uid => 1500, groups => ['adm', 'www-data'], managehome => true }
group { 'deploy': gid => 1500 }
exec { 'refresh': command => '/bin/true', refreshonly => true, path => ['/bin', '/usr/bin'] }
