assert_type(Iterable, [1].reverse_each)
