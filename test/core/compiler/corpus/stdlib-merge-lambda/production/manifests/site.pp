notify { 'a': message => merge([{'a' => 1}, {'a' => 2, 'b' => 3}]) |$i, $h| { $h } }
notify { 'b': message => merge({'x' => {'a' => 1}, 'y' => {'b' => 2}}) |$k, $v| { if $k == 'y' { $v } } }
