class app($nullable = 'default-used', $msg = 'd', $from_empty = 'd2', Optional[String] $opt = 'kept') {
  notify { 'app': message => [$nullable, $msg, $from_empty, $opt] }
}
include app
