assert_type(Iterable, [1].step(2))
