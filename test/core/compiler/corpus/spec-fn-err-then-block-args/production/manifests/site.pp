then(1) |$x, $y| { }
