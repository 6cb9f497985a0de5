class ntp::config {
  file { '/etc/ntp.conf':
    ensure  => file,
    mode    => '0644',
    content => epp('ntp/ntp.conf.epp', { 'servers' => $ntp::servers }),
  }
}
