lest(1) |$x| { }
