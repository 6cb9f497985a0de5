# MySQL database server.
class role::db {
  include profile::base
  include profile::firewall
  include profile::mysql
}
