# One line of /etc/ssh/ssh_known_hosts, exported by the host it describes.
define ssh::known_host (
  String $ip,
  Optional[String] $key = undef,
) {
  $entry = $key ? {
    undef   => "# ${title} (${ip}) has no ECDSA key yet",
    default => "${title},${ip} ecdsa-sha2-nistp256 ${key}",
  }
  file { "/etc/ssh/known_hosts.d/${title}":
    ensure  => file,
    mode    => '0644',
    content => "${entry}\n",
  }
}
