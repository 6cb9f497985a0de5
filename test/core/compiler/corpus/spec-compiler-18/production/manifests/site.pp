class experiment {
  class baz {
  }
  notify {"x" : require => Class['baz'] }
  notify {"y" : require => Class['experiment::baz'] }
}
class baz {
}
include experiment
include experiment::baz
