@package { ['p1', 'p2', 'p3']: ensure => installed, tag => 'pkgs' }
Package <| title != 'p2' and tag == 'pkgs' |>
@file { '/etc/v1': ensure => file, mode => '0600' }
File <| mode == '0600' |> { owner => 'root' }
@user { 'u1': groups => ['a', 'b'] }
User <| groups == 'b' |>
Service <| |>
service { 's1': }
