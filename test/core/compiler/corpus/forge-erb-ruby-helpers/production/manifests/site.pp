# Ruby that Forge modules' ERB templates use (saz-ssh's sshd_config.erb, saz-memcached's sysconfig):
# helper methods with def, case/when, Hash#delete, << on a local array and string, calls without parentheses.
$options = { 'Port' => 22, 'PermitRootLogin' => false, 'AllowGroups' => ['admins', 'ops'], 'Match Group sftp' => { 'ForceCommand' => 'internal-sftp' }, 'X11Forwarding' => true }
$text = inline_template(@(ERB))
  <%-
    def bool2str(v)
      case v
      when true then 'yes'
      when false
        'no'
      when Array
        v.join(' ')
      else
        v
      end
    end
  -%>
  <%- options = @options -%>
  <%- if port = options.delete('Port') -%>
  Port <%= port %>
  <%- end -%>
  <%- options.keys.sort_by{ |k| (k.downcase.include? "match") ? 'zzz' + k : k }.each do |k| -%>
  <%- v = options[k] -%>
  <%- if v.is_a?(Hash) -%>
  <%= k %>
  <%- v.keys.sort.each do |key| -%>
      <%= key %> <%= bool2str(v[key]) %>
  <%- end -%>
  <%- else -%>
  <%= k %> <%= bool2str(v) %>
  <%- end -%>
  <%- end -%>
  <%-
  result = []
  result << '-p ' + 22.to_s
  result << '-k' if @options['X11Forwarding']
  line = 'opts:'
  line << ' set'
  -%>
  <%= result.join(' ') %> <%= line %> left <%= @options.size %> <%= options.size %>
  | ERB
notify { 'erb': message => $text }
