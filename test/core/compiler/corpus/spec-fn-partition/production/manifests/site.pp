notify { '01 String(partition([\'\', \'b\', \'ab\']) |$s| { $s.empty })': message => String(partition(['', 'b', 'ab']) |$s| { $s.empty }) }
notify { '02 String(partition([\'\', \'b\', \'ab\']) |$i, $s| { $i % 2 == 0 })': message => String(partition(['', 'b', 'ab']) |$i, $s| { $i % 2 == 0 }) }
notify { '03 String(partition({a => [1, 2], b => []}) |$kv| { $kv[1].empty })': message => String(partition({a => [1, 2], b => []}) |$kv| { $kv[1].empty }) }
notify { '04 String(partition({a => [1, 2], b => []}) |$k, $v| { $v.empty })': message => String(partition({a => [1, 2], b => []}) |$k, $v| { $v.empty }) }
notify { '05 [1, 2, 3, 4].partition |$x| { $x > 2 }': message => [1, 2, 3, 4].partition |$x| { $x > 2 } }
