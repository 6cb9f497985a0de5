define a($x) { notify { 'something': message => $x }}
a {'a': }
