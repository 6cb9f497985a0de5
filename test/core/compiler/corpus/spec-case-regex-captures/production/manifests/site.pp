$v = 'web01.example.com'
case $v {
  /^(web|db)(\d+)\./: { notify { 'matched': message => [$0, $1, $2] } }
  default: { notify { 'nomatch': } }
}
notify { 'after case': message => "[${1}]" }
$r = $v ? { /^(\w+)\./ => $1, default => 'none' }
notify { 'selector': message => $r }
if $v =~ /example\.(com)$/ { notify { 'if': message => $1 } }
unless $v =~ /^db/ { notify { 'unless': message => "[${0}]" } }
