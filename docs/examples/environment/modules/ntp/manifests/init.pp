# Time synchronisation.
class ntp (
  Array[String[1], 1] $servers,
  Boolean $service_enable = true,
  Enum['running', 'stopped'] $service_ensure = 'running',
) {
  contain ntp::install
  contain ntp::config
  contain ntp::service

  Class['ntp::install'] -> Class['ntp::config'] ~> Class['ntp::service']
}
