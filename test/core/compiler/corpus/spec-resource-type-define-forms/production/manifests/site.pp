define a::b { notify { "testing ${title}": } }
a::b { one: }
A::B { two: }
Resource['a::b'] { three: }
