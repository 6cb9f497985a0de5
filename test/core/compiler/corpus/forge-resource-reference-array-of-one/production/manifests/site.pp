# A reference with its titles in an Array is an Array of references, even of one
# (puppetlabs-postgresql: require => File[$require_before_initdb], an Array of one directory).
$dirs = ['/var/lib/pgsql/13/data']
file { ['/var/lib/pgsql/13/data', '/var/log/pg']: ensure => directory }
class base { }
include base
exec { 'one in an array': command => '/bin/true', require => File[$dirs] }
exec { 'one': command => '/bin/true', require => File['/var/log/pg'] }
exec { 'two': command => '/bin/true', require => File['/var/log/pg', '/var/lib/pgsql/13/data'] }
exec { 'resource type': command => '/bin/true', require => Resource['file', ['/var/log/pg']] }
exec { 'class': command => '/bin/true', require => Class[['base']] }
notify { 'shapes': message => [File[$dirs] =~ Array, File['/var/log/pg'] =~ Array, Class[['base']] =~ Array] }
