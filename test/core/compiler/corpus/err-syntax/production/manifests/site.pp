class broken {
  file { '/x': ensure => file
}
