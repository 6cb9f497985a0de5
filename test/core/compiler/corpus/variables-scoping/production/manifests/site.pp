$x = 'top'
$shared = 'from top'
class outer {
  $x = 'outer'
  $only_outer = 'oo'
  include inner
  notify { "outer sees ${x}": }
}
class inner {
  notify { "inner sees ${x} ${::x} ${outer::x} ${outer::only_outer} ${shared}": }
}
include outer
node default {
  $x = 'node'
  include nodeclass
  notify { "node sees ${x} ${::x}": }
}
class nodeclass { notify { "nodeclass sees ${x}": } }
