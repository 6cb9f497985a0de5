$conv = [Integer('42'), Integer('0x10'), Float('2.5'), String(5), Boolean('yes'), Array('x'), Hash([['a', 1], ['b', 2]]), Integer(3.7)]
notify { 'conv': message => $conv }
$m = ['b', 'a'].sort.join('-')
$u = 'hello world'.upcase
$l = [1, 2, 3].length
$s = 'a:b:c'.split(':')
notify { 'methods': message => [$m, $u, $l, $s, {'k' => 'v'}.keys, [3, 1, 2].sort |$a, $b| { $b - $a }] }
include ::scoped
include Class['other']
class scoped { notify { 'scoped': } }
class other { notify { 'other': } }
notify { "title-${facts['hostname']}-${trusted['certname']}": }
$esc = @("X"/$)
  cost: \$5 and ${facts['hostname']}
  | X
notify { 'esc': message => $esc }
$opt = lookup('nothing', Optional[String], 'first', undef)
notify { 'opt': message => "[${opt}]" }
notify { 'iepp': message => inline_epp('<%= 1 + 2 %>|<% [1, 2].each |$x| { %><%= $x %>,<% } %>') }
