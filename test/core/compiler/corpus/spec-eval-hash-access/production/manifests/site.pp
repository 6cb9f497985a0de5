notify { '01 {a=>1, b=>2, c=>3}[a]': message => {a=>1, b=>2, c=>3}[a] }
notify { '02 {a=>1, b=>2, c=>3}[c]': message => {a=>1, b=>2, c=>3}[c] }
notify { '03 {a=>1, b=>2, c=>3}[x]': message => {a=>1, b=>2, c=>3}[x] }
notify { '04 {a=>1, b=>2, c=>3}[c,b]': message => {a=>1, b=>2, c=>3}[c,b] }
notify { '05 {a=>1, b=>2, c=>3}[a,b,c]': message => {a=>1, b=>2, c=>3}[a,b,c] }
notify { '06 {a=>{b=>{c=>\'it works\'}}}[a][b][c]': message => {a=>{b=>{c=>'it works'}}}[a][b][c] }
$a = {undef => 10}
notify { 'free': message => [$a[free_lunch]] }
notify { 'undef': message => $a[undef] }
notify { 'nested': message => $a[$a[free_lunch]] }
$e = {}
notify { 'empty': message => $e[free_lunch] == undef }
