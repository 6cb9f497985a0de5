notify { '01 min(1, 2) |$a, $b| { compare($b, $a) }': message => min(1, 2) |$a, $b| { compare($b, $a) } }
notify { '02 max([\'aa\', \'b\', \'ccc\']) |$a, $b| { compare($a.length, $b.length) }': message => max(['aa', 'b', 'ccc']) |$a, $b| { compare($a.length, $b.length) } }
