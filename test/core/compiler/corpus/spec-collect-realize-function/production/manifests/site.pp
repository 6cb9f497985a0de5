@notify { 'a': message => 'one' }
@notify { 'b': message => 'two' }
@notify { 'c': message => 'three' }
realize(Notify['a'], [Notify['b']])
