function f(Integer $x) { $x }
notify { 'x': message => f(1, 2) }
