# Ruby in puppetlabs-haproxy's templates: sort with a <=> block and Hash#fetch (fragments/_options.erb), zip and if as an expression (haproxy_balancermember.erb).
$options = { 'balance' => 'roundrobin', 'acl' => ['a1', 'a2'], 'option' => ['httplog', 'forwardfor'], 'http-request' => 'x', 'bind' => 'y' }
$ips = ['10.0.0.1', '10.0.0.2', '10.0.0.3']
$names = ['web1', 'web2']
$cookies = true
$t = inline_template(@(ERB))
  <%-
    option_order = {
      'acl' => -1,
      'tcp-request' => 2,
      'http-request' => 4,
    }
  -%>
  <% @options.sort{|a,b| [option_order.fetch(a[0],0), a[0]] <=> [option_order.fetch(b[0],0), b[0]] }.each do |key, val| -%>
  <% Array(val).reject{|v| v == :undef }.each do |item| -%>
    <%= key %> <%= item %>
  <% end -%>
  <% end -%>
  <% Array(@ips).zip(Array(@names)).each do |ipaddress,host| -%>
    server <%= host %> <%= ipaddress %><%= if @cookies then " cookie " + host.to_s end %><%= unless @cookies then 'no' end %>|<%= if false then 'x' end %>|
  <% end -%>
  <%= [3, 1, 2].sort { |a, b| b <=> a }.join %> <%= (1 <=> 2) %> <%= ('b' <=> 'a') %> <%= ([1, 'a'] <=> [1, 'b']) %> <%= 'abc'.chars.inspect %> <%= { 'a' => 1 }.fetch('a') %>
  | ERB
notify { 'erb': message => $t }
