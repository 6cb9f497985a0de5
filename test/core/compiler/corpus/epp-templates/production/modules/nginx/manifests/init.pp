class nginx(Integer $workers = 4, Array[String] $sites = ['a', 'b']) {
  file { '/etc/nginx/nginx.conf': content => epp('nginx/nginx.conf.epp', { 'workers' => $workers, 'sites' => $sites }) }
  file { '/etc/nginx/inline': content => inline_epp('host=<%= $facts[hostname] %> n=<%= $n %>', { 'n' => 3 }) }
  file { '/etc/nginx/noparams': content => epp('nginx/plain.epp') }
}
