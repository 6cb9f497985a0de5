define app::cfg($v = 'x') { file { "/etc/app/${title}": content => $v } }
class app {
  File { owner => 'app', mode => '0640' }
  app::cfg { 'a': }
}
class other {
  File { owner => 'other' }
  app::cfg { 'b': }
}
include app, other
file { '/etc/top': }
