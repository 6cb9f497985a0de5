notify { '01 [testing].dig(0)': message => [testing].dig(0) }
notify { '02 {key => testing}.dig(key)': message => {key => testing}.dig(key) }
notify { '03 [nope, [testing]].dig(1, 0)': message => [nope, [testing]].dig(1, 0) }
notify { '04 [nope, {yes => testing}].dig(1, yes)': message => [nope, {yes => testing}].dig(1, yes) }
notify { '05 [nope, {yes => testing}].dig(1, no, 2)': message => [nope, {yes => testing}].dig(1, no, 2) }
notify { '06 undef.dig(1)': message => undef.dig(1) }
notify { '07 [1].dig(5, 6)': message => [1].dig(5, 6) }
notify { '08 {a => {b => [1, 2]}}.dig(a, b, -1)': message => {a => {b => [1, 2]}}.dig(a, b, -1) }
notify { '09 dig({a => 1})': message => dig({a => 1}) }
