@package { 'pkg': ensure => present, tag => 'pkgs' }
@service { 'svc': ensure => running, tag => 'svcs' }
file { '/etc/app.conf': ensure => file }
Package <| tag == 'pkgs' |> -> File['/etc/app.conf'] ~> Service <| tag == 'svcs' |>
