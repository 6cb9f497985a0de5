notify { '01 flatten([1, [2, [3]]])': message => flatten([1, [2, [3]]]) }
notify { '02 flatten(1, [2, [3]], [])': message => flatten(1, [2, [3]], []) }
notify { '03 flatten([])': message => flatten([]) }
notify { '04 flatten(1)': message => flatten(1) }
notify { '05 [[1, 2], [3, [4, [5]]]].flatten': message => [[1, 2], [3, [4, [5]]]].flatten }
notify { '06 flatten({\'a\' => [1]})': message => flatten({'a' => [1]}) }
notify { '07 flatten([{\'a\' => [1]}])': message => flatten([{'a' => [1]}]) }
