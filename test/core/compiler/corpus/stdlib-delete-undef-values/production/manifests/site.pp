notify { 'n00': message => delete_undef_values(['a', undef, 'b', '', 'c']) }
notify { 'n01': message => delete_undef_values({'a' => 'A', 'b' => undef, 'c' => '', 'd' => false}) }
notify { 'n02': message => delete_undef_values([[undef], undef]) }
