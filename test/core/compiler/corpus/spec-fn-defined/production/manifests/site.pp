class yayness { }
define deftype { }
$x = 1
notify { 'marker': }
notify { '01 defined(\'yayness\')': message => defined('yayness') }
notify { '02 defined(\'deftype\')': message => defined('deftype') }
notify { '03 defined(\'notatype\')': message => defined('notatype') }
notify { '04 defined(\'file\')': message => defined('file') }
notify { '05 defined(File)': message => defined(File) }
notify { '06 defined(Class[\'yayness\'])': message => defined(Class['yayness']) }
notify { '07 defined(Class[\'nope\'])': message => defined(Class['nope']) }
notify { '08 defined(\'$x\')': message => defined('$x') }
notify { '09 defined(\'$::x\')': message => defined('$::x') }
notify { '10 defined(\'$nope\')': message => defined('$nope') }
notify { '11 defined(\'$0\')': message => defined('$0') }
notify { '12 defined(Notify[\'marker\'])': message => defined(Notify['marker']) }
notify { '13 defined(Notify[\'nope\'])': message => defined(Notify['nope']) }
notify { '14 defined(\'notify\')': message => defined('notify') }
notify { '15 defined(Resource[\'notify\', \'marker\'])': message => defined(Resource['notify', 'marker']) }
