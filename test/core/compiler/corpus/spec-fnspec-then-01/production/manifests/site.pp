notify{ "test-${type(then(undef) |$x| { testing })}-ing": }
