notify { 'n00': message => merge({'a' => 1, 'b' => 2}) |$acc, $k, $v| { { "${k}x" => $v } } }
notify { 'n01': message => merge(['p', 'q']) |$acc, $i, $v| { { $v => $i } } }
notify { 'n02': message => merge([1, 2, 3]) |$acc, $v| { { "k${v}" => $acc.length } } }
