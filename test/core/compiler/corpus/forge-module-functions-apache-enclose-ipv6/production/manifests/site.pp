# puppetlabs-apache's apache::bool2httpd and stdlib's enclose_ipv6 (apache's vhost.pp), and an ERB condition
# on Regexp#match (apache's httpd.conf.erb).
notify { 'bool2httpd': message => [true, false, undef, 'TRUE', 'False', 'maybe', 1, ['a']].map |$v| { apache::bool2httpd($v) } }
notify { 'enclose': message => enclose_ipv6(['10.0.0.1', '*', '2001:0DB8:0:0:0:0:0:1', '::ffff:10.0.0.1', '10.0.0.0/8', 'fe80::1']) }
notify { 'enclose-one': message => enclose_ipv6('::1') }
$log = 'syslog:local1'
notify { 'match': message => inline_template(@(ERB)) }
  <%- if /^[|\/]/.match(@log) || /^syslog:/.match(@log) -%>
  piped or syslog
  <%- end -%>
  <%= ('abc'.match(/z/) ? 'z' : 'no z') %> <%= (!'abc'.match(/b/) ? 'no b' : 'b') %>
  | ERB
