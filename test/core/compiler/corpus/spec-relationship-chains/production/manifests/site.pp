file { '/a': } -> file { '/b': } ~> service { 'svc': }
package { ['p1', 'p2']: } -> file { '/c': }
Package['p1'] <- exec { 'pre': command => '/bin/true' }
File['/c'] <~ exec { 'notifier': command => '/bin/true' }
