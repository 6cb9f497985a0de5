# spec/unit/parser/functions/sprintf_spec.rb
notify { 'integers': message => sprintf('%+05d', '23') }
notify { 'floats': message => sprintf('%+.2f', '2.7182818284590451') }
notify { 'large-floats': message => sprintf('%+.2e', '27182818284590451') }
notify { 'complex': message => sprintf('<%.8s:%#5o %#8X (%-8s)>', 'overlong', '23', '48879', 'foo') }
notify { 'named': message => sprintf('%<foo>d : %<bar>f', { 'foo' => 1, 'bar' => 2 }) }
notify { 'hash-s': message => sprintf('%s', { 'foo' => 1, 'bar' => 2 }) }
notify { 'named-extra-keys': message => sprintf('%<foo>d : %<bar>f', { 'foo' => 1, 'bar' => 2, 1 => 2, [1] => 2, false => true }) }
