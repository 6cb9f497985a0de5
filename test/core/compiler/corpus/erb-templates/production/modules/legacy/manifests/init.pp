class legacy(
  Array[String] $servers = ['a.example.com', 'b.example.com'],
  Hash $options = { 'timeout' => 5, 'retries' => 3 },
  $port = 8080,
  $enabled = true,
  $missing = undef,
) {
  $local_var = "from ${module_name}"
  file { '/etc/legacy.conf': content => template('legacy/legacy.conf.erb') }
  file { '/etc/legacy.inline': content => inline_template("<%= @port %>:<%= @servers.join(',') %>\n") }
  file { '/etc/legacy.two': content => template('legacy/a.erb', 'legacy/b.erb') }
}
