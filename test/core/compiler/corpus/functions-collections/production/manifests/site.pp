$h = { 'b' => 2, 'a' => 1 }
notify { 'size': message => [size([1, 2]), length('hello'), size($h), length([])] }
notify { 'keys': message => [keys($h), values($h)] }
notify { 'flatten': message => [flatten([1, [2, [3, 4]]]), unique([1, 2, 2, 3, 1]), unique('aabbc')] }
notify { 'sort': message => [sort([3, 1, 2]), sort(['b', 'C', 'a']), min(3, 1, 2), max([4, 9, 2]), min('b', 'a'), abs(-5), abs(2.5)] }
notify { 'empty': message => [empty([]), empty(''), empty({}), empty('x'), empty([1]), empty(undef)] }
$deep = { 'a' => { 'b' => [10, { 'c' => 'found' }] } }
notify { 'dig': message => [dig($deep, 'a', 'b', 1, 'c'), $deep.dig('a', 'x', 'y'), $deep.dig('a', 'b', 0)] }
