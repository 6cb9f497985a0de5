class first { notify { 'first': } }
class second { notify { 'second': } }
include first, second
Class['first'] -> Class['second']
package { 'p': } -> file { '/etc/p.conf': } ~> service { 'p': }
notify { 'a': } <- notify { 'b': }
notify { 'c': } <~ notify { 'd': }
$refs = [Notify['a'], Notify['b']]
$refs -> Notify['c']
Package['p'] -> Notify['a'] -> Notify['d']
