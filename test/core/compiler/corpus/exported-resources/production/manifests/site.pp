node default {
  @@file { "/etc/hosts.d/${facts['hostname']}": content => $facts['networking']['ip'], tag => ['hosts'] }
  File <<| tag == 'hosts' |>>
  @@notify { 'mine': tag => 'other' }
}
