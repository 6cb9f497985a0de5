# In "${…}", a leading bare word followed by [ or . is a variable, and the rest of the expression goes on from it.
$sizes = { 'mem' => 4096, 'list' => [1, 2, 3] }
notify { 'arith': message => "${facts['memory']['system']['total_bytes'] / 4 / 1048576}MB" }
notify { 'compare': message => "${sizes['mem'] > 1024}" }
notify { 'method': message => "${sizes['list'].length * 2} items" }
notify { 'equal': message => "${facts['os']['family'] == 'Debian'}-${sizes['list'][0] + $sizes['list'][1]}" }
