define d() { file { '/etc/shared': } }
d { ['a', 'b']: }
