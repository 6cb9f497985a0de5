with(1) |String $x| { }
