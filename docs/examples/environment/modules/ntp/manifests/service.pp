class ntp::service {
  $service = $facts['os']['family'] ? {
    'RedHat' => 'ntpd',
    default  => 'ntp',
  }
  service { $service:
    ensure => $ntp::service_ensure,
    enable => $ntp::service_enable,
  }
}
