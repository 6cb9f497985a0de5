# Ruby in puppetlabs-apache's templates changes Puppet's values in place, and the catalog shows it (vhost/_scriptalias.erb, _redirect.erb, _access_log.erb).
define vhost(Array $scriptaliases = [], $scriptalias = undef, $redirect_dest = undef, $redirect_source = undef, Hash $opts = {}, Array $logs = []) {
  $text = inline_template(@(ERB))
    <%- aliases = @scriptaliases -%>
    <%- aliases << { 'alias' => '/cgi-bin', 'path' => @scriptalias } if @scriptalias -%>
    <%- aliases.flatten.compact! -%>
    <%- aliases.each do |salias| -%>
    ScriptAlias <%= salias['alias'] %> "<%= salias['path'] %>"
    <%- end -%>
    <% @redirect_dest_a   = Array(@redirect_dest) -%>
    <% @redirect_source_a = Array(@redirect_source) -%>
    <%- @redirect_source_a.each_with_index do |source, i| -%>
    <% @redirect_dest_a[i] ||= @redirect_dest_a[0] -%>
    Redirect <%= source %> <%= @redirect_dest_a[i] %>
    <%- end -%>
    <% o = @opts; o.delete('drop'); o['added'] = 1 -%>
    <% @logs.each do |log| -%>
    <%   env ||= "env=#{log['env']}" if log['env'] -%>
    <%   env ||= '' -%>
    <%   format ||= "\"#{log['format']}\"" if log['format'] -%>
    <%   format ||= 'combined' -%>
    CustomLog <%= log['file'].chars.first == '/' ? log['file'] : 'rel' %> <%= format %> <%= env %>
    <% end -%>
    | ERB
  notify { "${title} text": message => $text }
  notify { "${title} after": message => [$scriptaliases, $opts] }
}
vhost { 'a':
  scriptaliases   => [{ 'alias' => '/x', 'path' => '/srv/x' }],
  scriptalias     => '/usr/lib/cgi-bin',
  redirect_source => ['/one', '/two'],
  redirect_dest   => ['http://one/'],
  opts            => { 'drop' => true, 'keep' => 2 },
  logs            => [{ 'file' => '/var/log/a', 'env' => 'x' }, { 'file' => 'b.log', 'format' => 'f' }],
}
vhost { 'b': }
