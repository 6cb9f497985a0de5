# Every node gets the role its `role` fact names (a custom fact from /etc/facter/facts.d).
node default {
  include "role::${facts['role']}"
}
