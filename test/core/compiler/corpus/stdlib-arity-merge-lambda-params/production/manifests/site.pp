notify { 'n00': message => merge([{'a' => 1}]) |$x| { $x } }
