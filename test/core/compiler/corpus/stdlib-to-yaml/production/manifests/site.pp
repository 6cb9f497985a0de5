notify { 'n00': message => to_yaml({'a' => 1, 'b' => ['x', 'y'], 'c' => {'d' => true}}) }
notify { 'n01': message => to_yaml(['one', 2]) }
notify { 'n02': message => to_yaml('str') }
notify { 'n03': message => to_yaml({}) }
notify { 'n04': message => to_yaml({'s' => 'yes', 'n' => '1', 'e' => '', 'm' => "a\nb"}) }
