class app(Float $ratio, Integer $count) {
  notify { 'app': message => "${ratio} ${count} ${$ratio * $count}" }
}
include app
