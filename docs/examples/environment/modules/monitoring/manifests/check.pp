# One service check, exported by the monitored node.
define monitoring::check (
  String $host,
  Enum['ping', 'http', 'tcp'] $kind = 'ping',
  Optional[Integer] $port = undef,
) {
  $command = $kind ? {
    'http'  => "check_http -H ${host} -p ${port}",
    'tcp'   => "check_tcp -H ${host} -p ${port}",
    default => "check_ping -H ${host}",
  }
  file { "/etc/nagios/conf.d/${title}.cfg":
    ensure  => file,
    content => "define service { host_name ${host}; check_command ${command} }\n",
  }
}
