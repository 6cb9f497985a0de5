# Node classification: the certname picks a role; everything else is data.
File {
  owner => 'root',
  group => 'root',
}

node /^web\d+\./ {
  include role::webserver
}

node /^db\d+\./ {
  include role::database
}

node 'monitor.example.com' {
  include role::monitoring
}

node default {
  include role::base
}
