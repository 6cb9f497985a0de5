with(1) |$x, $y| { }
