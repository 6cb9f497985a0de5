$top = 'top'
class outer {
  $own = 'outer'
  class { 'inner': }
}
class inner {
  notify { 'inner sees': message => [$top, $::top, $outer::own, $own] }
}
include outer
$later = [$outer::own, $inner::nope]
notify { 'after': message => $later }
