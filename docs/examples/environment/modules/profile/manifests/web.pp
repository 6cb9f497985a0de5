# An nginx web server with its virtual hosts from hiera.
class profile::web (
  Hash[String, Struct[{ port => Integer, docroot => String }]] $vhosts = {},
) {
  include nginx
  $vhosts.each |$name, $vhost| {
    nginx::vhost { $name:
      port    => $vhost['port'],
      docroot => $vhost['docroot'],
    }
    @@monitoring::check { "http-${name}":
      host => $name,
      kind => 'http',
      port => $vhost['port'],
    }
  }
}
