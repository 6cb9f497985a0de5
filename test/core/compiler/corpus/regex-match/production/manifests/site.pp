$host = 'web01.prod.example.com'
if $host =~ /^(\w+?)(\d+)\.(\w+)\./ {
  notify { 'captures': message => "${1} ${2} ${3} ${0}" }
}
if $host !~ /^db/ { notify { 'not db': } }
$env = $host ? { /prod/ => 'production', /stag/ => 'staging', default => 'dev' }
notify { "env ${env}": }
case $host {
  /^db/: { notify { 'case db': } }
  /^web(\d+)/: { notify { "case web ${1}": } }
  default: { notify { 'case default': } }
}
if 'abc' =~ String { notify { 'type match': } }
if 42 =~ Integer[40, 50] { notify { 'range match': } }
