$top = 't'
class a($p = 'ap') {
  $v = 'a-v'
  b::c { 'x': }
}
define b::c() {
  notify { "in define: ${top} ${a::v} ${title} ${module_name}": }
}
class d inherits a {
  notify { "inherited: ${v} ${p} ${top}": }
}
include d
if 'abc' =~ /(b)/ { $cap = $1 }
notify { "cap ${cap}": }
$list = [1, 2]
$list.each |$i| { $inner = $i notify { "lambda ${i} ${inner} ${top}": } }
case 'xyz' { /(y)/: { notify { "case cap ${1}": } } }
File { mode => '0640' }
class e { file { '/etc/e': } }
include e
