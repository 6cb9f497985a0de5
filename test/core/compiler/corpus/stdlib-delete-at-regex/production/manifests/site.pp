notify { 'n00': message => delete_at(['a', 'b', 'c'], 1) }
notify { 'n01': message => delete_regex(['abf', 'ab', 'ac'], '^ab.*') }
notify { 'n02': message => delete_regex({'a' => 1, 'b' => 2, 'ab' => 3}, ['^a$', 'b']) }
notify { 'n03': message => delete_regex(['a', 'b'], 'a') }
