define app::instance (String $owner, Variant[Stdlib::Port, Array[Stdlib::Port]] $ports = 80) {
  notify { $title: }
}
app::instance { 'a': owner => 'alice', ports => ['80'] }
