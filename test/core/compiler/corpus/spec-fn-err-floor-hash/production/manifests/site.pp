notify { 'x': message => floor({'a' => 10}) }
