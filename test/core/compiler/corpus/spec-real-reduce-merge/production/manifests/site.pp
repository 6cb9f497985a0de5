$parts = [{ 'a' => 1 }, { 'b' => 2 }, { 'a' => 3 }]
$merged = $parts.reduce({}) |$memo, $h| { $memo + $h }
notify { 'merged': message => $merged }
$sum = [1, 2, 3, 4].reduce |$m, $x| { $m + $x }
notify { 'sum': message => $sum }
$by_len = ['a', 'bb', 'cc', 'ddd'].group_by |$s| { $s.length }
notify { 'grouped': message => $by_len }
