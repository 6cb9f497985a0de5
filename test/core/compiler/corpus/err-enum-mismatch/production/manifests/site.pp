define e(Enum['present', 'absent'] $ensure) { }
e { 'x': ensure => 'maybe' }
