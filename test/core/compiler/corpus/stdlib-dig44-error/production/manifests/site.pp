notify { 'n00': message => dig44({'a' => 1}) }
