# Ruby in puppetlabs-apache's and -haproxy's templates: $1 after =~, MatchData, ranges, inject (vhost/_directories.erb, fragments/_bind.erb).
$providers = ['directorymatch', 'location', 'filesmatch', 'other']
$binds = ['10.0.1.2:80', '192.168.0.1:443', ':8080', '*:81']
$t = inline_template(@(ERB))
  <% @providers.each do |p| -%>
  <%   if p.match('(directory|location|files|proxy)') -%>
  <%     if /^(.*)match$/ =~ p -%>
  <%= $1.capitalize + 'Match' %> <%= $2.inspect %>
  <%     else -%>
  <%= p.capitalize %>
  <%     end -%>
  <%   else -%>
  Directory <%= $1.inspect %>
  <%   end -%>
  <% end -%>
  <% @binds.each do |b| -%>
  <%   md = /^((\d+)\.(\d+)\.(\d+)\.(\d+))?(.*)/.match(b) -%>
  <%= md[1] ? md[2..5].inject(0){ |addr, octet| (addr << 8) + octet.to_i } : -1 %> <%= md[6] %> <%= md[2...4].inspect %> <%= md.captures.compact.size %> <%= md[0] %>
  <% end -%>
  <%= (1..4).to_a.inspect %> <%= (1...4).map { |i| i * i }.join(',') %> <%= [5, 6, 7].inject { |s, x| s + x } %> <%= ['a', 'b', 'c', 'd'][1..-1].join %> <%= ['a', 'b'][5..6].inspect %>
  <%= 'Web01' =~ /web/i %> <%= 'abc' !~ /b/ %> <%= 'abc' !~ /x/ %> <%= 'x'.match('y').inspect %>
  | ERB
notify { 'erb': message => $t }
