notify { 'n00': message => to_yaml('') }
notify { 'n01': message => to_yaml(true) }
notify { 'n02': message => to_yaml([]) }
notify { 'n03': message => to_yaml({'one' => {'oneA' => 'A', 'oneB' => {'oneB1' => '1', 'oneB2' => '2'}}, 'two' => ['twoA', 'twoB']}) }
notify { 'n04': message => to_yaml('‰') }
notify { 'n05': message => to_yaml({'foo' => {'bar' => true, 'baz' => false}}, {'indentation' => 4}) }
notify { 'n06': message => to_yaml([{'a' => 1, 'b' => [1, 2]}, [3, [4]]]) }
notify { 'n07': message => to_yaml({'path' => '/etc/x', 'url' => 'http://x', 'colon' => 'a: b', 'hash' => 'a #b', 'n' => undef, 'f' => 2.5, 'star' => '*x', 'neg' => -3}) }
