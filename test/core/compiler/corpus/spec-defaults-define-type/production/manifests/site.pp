define thing($size = 'small', $color = undef) { notify { "thing ${title}": message => "${size}/${color}" } }
Thing { color => 'red' }
thing { 'one': }
thing { 'two': color => 'blue', size => 'big' }
class c { Thing { size => 'medium' } thing { 'three': } }
include c
