$defaults = {'ensure' => 'present', 'mode' => '0644'}
$files = {'/etc/a' => {'mode' => '0600'}, '/etc/b' => {}}
$files.each |$path, $opts| {
  file { $path: * => merge($defaults, $opts, {'owner' => pick($opts['owner'], 'root')}) }
}
