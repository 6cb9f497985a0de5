notify { '01 String(group_by([\'a\', \'b\', \'ab\']) |$s| { $s.length })': message => String(group_by(['a', 'b', 'ab']) |$s| { $s.length }) }
notify { '02 String(group_by([\'a\', \'b\', \'ab\']) |$i, $s| { $i % 2 + 1 })': message => String(group_by(['a', 'b', 'ab']) |$i, $s| { $i % 2 + 1 }) }
notify { '03 String(group_by({a => [1, 2], b => [1]}) |$kv| { $kv[1].length })': message => String(group_by({a => [1, 2], b => [1]}) |$kv| { $kv[1].length }) }
notify { '04 String(group_by({a => [1, 2], b => [1]}) |$k, $v| { $v.length })': message => String(group_by({a => [1, 2], b => [1]}) |$k, $v| { $v.length }) }
notify { '05 [1, 2, 3, 4].group_by |$x| { $x % 2 == 0 }': message => [1, 2, 3, 4].group_by |$x| { $x % 2 == 0 } }
