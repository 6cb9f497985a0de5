# PostgreSQL database server.
class role::pgdb {
  include profile::base
  include profile::firewall
  include profile::postgresql
}
