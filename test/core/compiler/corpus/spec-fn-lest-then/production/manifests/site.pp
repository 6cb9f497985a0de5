lest(undef) || { notify { testing: } }
notify { lest(undef) || { testing2 }: }
lest(1) || { notify { 'failed': } }
then(testing3) |$x| { notify { $x: } }
notify { then(1) |$x| { testing4 }: }
then(undef) |$x| { notify { 'failed2': } }
$h = {a => 1}
notify { "test_${h['b'].lest || { yay }}_ing": }
notify { "test-${type($h['b'].then |$x| { $x * 2 })}-ing": }
notify { 'then-value': message => $h['a'].then |$x| { $x + 10 } }
notify { 'lest-value': message => $h['a'].lest || { 0 } }
