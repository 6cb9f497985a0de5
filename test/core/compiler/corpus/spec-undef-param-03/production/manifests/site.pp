class a { $x = 'inherited' }
class b($y=$x) inherits a { notify { 'something': message => $y }}
class { 'b': y => undef}
