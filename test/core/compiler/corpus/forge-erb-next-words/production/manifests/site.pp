# Ruby in puppetlabs-mysql's templates: %w() word arrays and next in a block (my.cnf.erb, my.cnf.pass.erb).
$options = { 'mysqld' => { 'ssl-disable' => true, 'ssl-ca' => '/x', 'port' => 3306, 'skip' => '' }, 'client' => { 'socket' => '/run/mysqld.sock' } }
$text = inline_template(@(ERB))
  <% %w(mysql client mysqldump).each do |section| -%>
  [<%= section -%>]
  socket=<%= @options['client']['socket'] %>
  <% end -%>
  <% @options.sort.map do |k, v| -%>
  <%   v.sort.map do |ki, vi| -%>
  <%     if ki == 'ssl-disable' or (ki =~ /^ssl/ and v['ssl-disable'] == true) -%>
  <%       next %>
  <%     elsif vi == '' -%>
  <%=      ki %>
  <%     else -%>
  <%=      ki %> = <%= vi %>
  <%     end -%>
  <%   end -%>
  <% end -%>
  <%= %w[a b  c].map { |w| next 'B' if w == 'b'; w }.join(',') %>
  <% if /^\/run/ =~ @options['client']['socket'] -%>
  socket under /run
  <% end -%>
  <%= 10 / 2 / 5 %> <%= 'a-b' =~ /-/ %> <%= 'ab' =~ /^a/ %> [<%= 'ab' =~ /z/ %>]
  | ERB
notify { 'erb': message => $text }
