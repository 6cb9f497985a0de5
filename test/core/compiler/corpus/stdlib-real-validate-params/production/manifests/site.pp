define app::instance (
  String $owner,
  Variant[Stdlib::Port, Array[Stdlib::Port]] $ports = 80,
) {
  validate_legacy(String, 'validate_re', $owner, '^[a-z]+$')
  $p = any2array($ports)
  notify { "${title}: ${owner} ${p}": message => suffix(prefix($p, 'p'), '/tcp') }
}
app::instance { 'a': owner => 'alice' }
app::instance { 'b': owner => 'bob', ports => [80, 443] }
