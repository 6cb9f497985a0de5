function bad(Integer $x) >> String { $x * 2 }
notify { 'x': message => bad(1) }
