notify { 'n00': message => merge({'a' => 1}, {}, '', undef, {'b' => 2}) }
notify { 'n01': message => merge({'a' => [1]}, {'a' => [2]}) }
notify { 'n02': message => {'x' => 1}.merge({'y' => 2}) }
