class a { $x = 'inherited' }
class b($x='default') inherits a { notify { 'something': message => $x }}
class { 'b': x => undef}
