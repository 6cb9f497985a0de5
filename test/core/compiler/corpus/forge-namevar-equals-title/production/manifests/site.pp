# catalog.to_data_hash leaves out a namevar equal to the title: name for most types, path for file,
# command for exec, name for a defined type; one that differs stays.
define app::thing($value = 1) { notify { "thing ${name}": } }
service { 'ntp': ensure => running, name => 'ntp' }
service { 'web': ensure => running, name => 'nginx' }
file { '/etc/app.conf': ensure => file, path => '/etc/app.conf' }
exec { '/bin/true': command => '/bin/true' }
exec { 'other': command => '/bin/false' }
package { 'curl': ensure => installed, name => 'curl' }
user { 'alice': name => 'alice' }
app::thing { 'one': name => 'one' }
