File { owner => 'root', group => 'root', mode => '0644' }
Package { ensure => latest }
class web {
  File { mode => '0600' }
  file { '/etc/web.conf': content => 'x' }
  package { 'nginx': }
}
include web
file { '/etc/a': ensure => file }
file { '/etc/b': ensure => file, mode => undef }
package { 'tmux': ensure => present }
