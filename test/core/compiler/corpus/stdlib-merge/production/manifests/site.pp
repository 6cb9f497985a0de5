notify { 'n00': message => merge({'a' => 1, 'b' => 2}, {'b' => 3, 'c' => 4}) }
notify { 'n01': message => merge({}, {'x' => [1]}, undef, {'y' => {'z' => 1}}) }
notify { 'n02': message => merge({'a' => 1}, '', {'b' => 2}) }
notify { 'n03': message => merge() }
notify { 'n04': message => merge({'one' => 1}) }
