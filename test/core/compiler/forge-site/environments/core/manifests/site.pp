# Core infrastructure: time servers, bastions and caches. Roles by the `role` fact.
node default {
  include "role::${facts['role']}"
}
