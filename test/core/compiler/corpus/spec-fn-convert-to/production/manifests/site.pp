notify { "testing-${[a,1].convert_to(Hash) =~ Hash}": }
"1".convert_to(Integer) |$x| { notify { "testing-${x.type(generalized)}": } }
notify { "testing-${[a,1].convert_to(Hash) |$x| { yay }}": }
"111".convert_to(Integer, 2) |$x| { notify { "testing-${x}": } }
notify { 'to-array': message => '12'.convert_to(Array) }
notify { 'to-string': message => 12.convert_to(String) }
