node default {
  Exec { path => '/usr/bin' }
  include base
  exec { 'in node': command => 'true' }
}
class base {
  exec { 'in base': command => 'true' }
  Exec { timeout => 10 }
  exec { 'after default': command => 'true' }
}
exec { 'top level': command => 'true' }
