notify { 'n00': message => merge({'a' => {'x' => 1}}, {'a' => {'y' => 2}}) }
notify { 'n01': message => merge({1 => 'a'}, {'1' => 'b'}) }
notify { 'n02': message => merge(undef, {'a' => 1}) }
notify { 'n03': message => merge({'a' => 1}, undef) }
