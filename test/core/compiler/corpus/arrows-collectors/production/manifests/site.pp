package { ['a', 'b']: ensure => installed }
service { 's': ensure => running }
Package <| |> -> Service['s']
yumrepo_like { 'r': }
define yumrepo_like() { notify { "repo ${title}": } }
Yumrepo_like <| |> -> Package <| |>
