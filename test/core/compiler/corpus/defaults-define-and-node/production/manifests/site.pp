define d() {
  file { "/tmp/${title}": ensure => file }
}
class app {
  File { group => 'app' }
  d { 'one': }
}
node default {
  File { owner => 'node' }
  include app
  d { 'two': }
}
