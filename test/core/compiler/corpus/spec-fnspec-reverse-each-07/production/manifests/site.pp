assert_type(Undef, [1].reverse_each |$x| { $x })
