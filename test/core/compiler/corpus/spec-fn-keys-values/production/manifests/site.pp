notify { '01 keys({\'a\' => 1, \'b\' => 2})': message => keys({'a' => 1, 'b' => 2}) }
notify { '02 values({\'a\' => 1, \'b\' => 2})': message => values({'a' => 1, 'b' => 2}) }
notify { '03 {}.keys': message => {}.keys }
notify { '04 {}.values': message => {}.values }
notify { '05 {1 => [2], [3] => {4 => 5}}.keys': message => {1 => [2], [3] => {4 => 5}}.keys }
notify { '06 {1 => [2], [3] => {4 => 5}}.values': message => {1 => [2], [3] => {4 => 5}}.values }
