$servers = ['a.example.com', 'b.example.com']
$port = 8080
file { '/etc/app.conf':
  content => inline_template("<% @servers.each do |s| -%>\nserver <%= s %>:<%= @port %>\n<% end -%>\nname=<%= @fqdn %>\n"),
}
