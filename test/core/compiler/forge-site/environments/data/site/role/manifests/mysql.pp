# A MySQL server (primary or replica, by hiera).
class role::mysql {
  include profile::base
  include profile::mysql
}
