define bundle($files = []) {
  $files.each |$f| { file { $f: ensure => file } }
  notify { "bundle ${title}": loglevel => 'info' }
}
bundle { 'quiet': files => ['/q1', '/q2'], noop => true, tag => 'quiet', schedule => 'nightly' }
bundle { 'loud': files => ['/l1'] }
schedule { 'nightly': range => '1 - 3' }
node default {
  bundle { 'innode': files => ['/n1'], audit => 'all' }
}
