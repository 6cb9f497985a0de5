file { '/etc/x': require => Package['x'], notify => [Service['x']], before => File['/etc/y'] }
package { 'x': }
service { 'x': subscribe => File['/etc/x'] }
file { '/etc/y': }
