class profile::base(String $motd, String $admin, Array $dns) {
  notify { 'motd': message => $motd }
  notify { 'admin': message => $admin }
  notify { 'dns': message => $dns }
  notify { 'percent': message => lookup('percent') }
}
include profile::base
