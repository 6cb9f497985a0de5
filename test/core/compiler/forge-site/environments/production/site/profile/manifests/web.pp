# Apache with the site's virtual hosts from hiera.
class profile::web (
  Hash[String, Hash] $vhosts = {},
) {
  class { 'apache':
    default_vhost => false,
    mpm_module    => 'event',
    server_tokens => 'Prod',
  }
  include apache::mod::ssl
  include apache::mod::headers
  $vhosts.each |String $name, Hash $vhost| {
    apache::vhost { $name:
      * => $vhost,
    }
  }
}
