$servers = ['ntp1.example.com', 'ntp2.example.com']
$conf = inline_epp(@(EPP), { 'servers' => $servers, 'iburst' => true })
<%- | Array[String] $servers, Boolean $iburst = false | -%>
# managed
<% $servers.each |$s| { -%>
server <%= $s %><% if $iburst { %> iburst<% } %>
<% } -%>
driftfile /var/lib/ntp/drift
EPP
file { '/etc/ntp.conf': content => $conf }
