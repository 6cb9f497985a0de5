# The data tier: MySQL primaries and replicas. Roles by the `role` fact.
node default {
  include "role::${facts['role']}"
}
