# A PostgreSQL server.
class role::pgsql {
  include profile::base
  include profile::postgresql
}
