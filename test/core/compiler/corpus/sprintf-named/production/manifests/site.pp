notify { 'angle': message => sprintf('%<x>s : %<y>d', { 'x' => 'value is', 'y' => 42 }) }
notify { 'angle-fmt': message => sprintf('%<a>05.1f|%<b>-6s|%<b>s', { 'a' => 3.14159, 'b' => 'hi' }) }
notify { 'brace': message => sprintf('%{a}-%{b}', { 'a' => 'one', 'b' => 2 }) }
notify { 'brace-width': message => sprintf('[%-6{a}][%6{b}]', { 'a' => 'one', 'b' => 2 }) }
