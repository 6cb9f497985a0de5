assert_type(Undef, [1].step(2) |$x| { $x })
