notify { 'n00': message => deep_merge({'a' => 1}) }
