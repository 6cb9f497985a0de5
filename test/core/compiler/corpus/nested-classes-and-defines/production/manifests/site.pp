class outer {
  class inner { notify { "inner ${title} ${name}": } }
  define thing($v = 1) { notify { "thing ${title} ${v} ${name}": } }
  include outer::inner
  outer::thing { 't1': v => 2 }
}
include outer
define wrapper($items = []) {
  $items.each |$i| { notify { "${title}-${i}": } }
  if $title == 'w1' { wrapper { 'w2': items => ['z'] } }
}
wrapper { 'w1': items => ['a', 'b'] }
@wrapper { 'virtual-w': items => ['v'] }
realize(Wrapper['virtual-w'])
