notify { "0 ${ type([2, 3.14]) }": }
notify { "1 ${ type([2, 3.14], detailed) }": }
notify { "2 ${ type([2, 3.14], reduced) }": }
notify { "3 ${ type([2, 3.14], generalized) }": }
notify { "a ${ type('abc') }": }
notify { "b ${ type(1) }": }
notify { "c ${ type({a => 1}, generalized) }": }
notify { "d ${ type(undef) }": }
notify { "e ${ type(true) }": }
notify { "f ${ type(/x/) }": }
