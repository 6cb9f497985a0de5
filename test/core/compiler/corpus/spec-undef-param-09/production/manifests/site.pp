define a(Optional[Integer] $x) { notify { 'something': message => $x == undef}}
a {'a': x => undef }
