notify { 'x': message => [1].all |$a, $b, $c| { true } }
