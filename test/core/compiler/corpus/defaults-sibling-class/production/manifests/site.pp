class a {
  Exec { command => '/bin/from-a' }
  exec { 'in-a': }
}
class b {
  exec { 'in-b': command => '/bin/b' }
  exec { '/bin/b-own': }
}
include a
include b
