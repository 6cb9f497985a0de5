package { 'httpd': tag => 'web' }
package { 'mysql': tag => 'db' }
file { '/etc/httpd.conf': tag => 'web' }
Package <| tag == 'web' |> -> File <| tag == 'web' |>
