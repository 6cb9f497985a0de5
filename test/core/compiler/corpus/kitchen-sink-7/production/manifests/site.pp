class base_c($p = 'base') { $v = "base-${p}" notify { "base_c ${p}": } }
class child_c($q = 'q') inherits base_c { notify { "child_c ${q} ${v} ${p} ${base_c::p}": } }
class { 'child_c': q => 'Q', before => Notify['last'] }
define needs_dep() { require dep_c notify { "needs ${title}": } }
class dep_c { notify { 'dep': } }
needs_dep { 'x': }
class c1 { contain c2 } class c2 { contain c3 } class c3 { notify { 'deep': } }
include c1
Class['c1'] -> Notify['last']
notify { 'last': }
include base_c
