file { '/x': }
File['/x'] -> File['/nope']
