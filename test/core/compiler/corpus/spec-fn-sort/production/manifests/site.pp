notify { '01 sort([3, 1, 2])': message => sort([3, 1, 2]) }
notify { '02 sort([\'b\', \'a\', \'C\'])': message => sort(['b', 'a', 'C']) }
notify { '03 sort(\'cab\')': message => sort('cab') }
notify { '04 sort([3, 1, 2]) |$a, $b| { compare($b, $a) }': message => sort([3, 1, 2]) |$a, $b| { compare($b, $a) } }
notify { '05 sort([\'b\', \'a\', \'C\']) |$a, $b| { compare($a, $b, false) }': message => sort(['b', 'a', 'C']) |$a, $b| { compare($a, $b, false) } }
notify { '06 sort([1.5, 1, 2.0])': message => sort([1.5, 1, 2.0]) }
notify { '07 sort([])': message => sort([]) }
notify { '08 sort([\'10\', \'9\', \'1\'])': message => sort(['10', '9', '1']) }
