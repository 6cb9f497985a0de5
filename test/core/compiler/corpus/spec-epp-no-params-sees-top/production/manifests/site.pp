$top = 'top value'
class c { $inner = 'class value' notify { 'c': message => inline_epp('<%= $top %>|<%= $c::inner %>') } }
include c
