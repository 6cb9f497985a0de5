# The data tier: MySQL primaries and replicas, PostgreSQL servers. Roles by the `role` fact.
node default {
  include "role::${facts['role']}"
}
