define a($x='1') { notify { 'something': message => $x }}
a {'a': x => '2'}
