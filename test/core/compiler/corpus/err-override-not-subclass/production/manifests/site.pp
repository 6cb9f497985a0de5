Package { ensure => present, provider => 'apt' }
define app::thing($pkgs = []) {
  Package { ensure => latest }
  package { $pkgs: }
  file { "/etc/${title}": ensure => file } -> Package[$pkgs]
}
app::thing { 'web': pkgs => ['nginx', 'curl'] }
package { 'vim': provider => undef }
class late_defaults {
  package { 'early': }
  Package { ensure => '1.0' }
  package { 'after': }
}
include late_defaults
@package { 'virt': }
Package <| title == 'virt' |> -> Package['vim']
File['/etc/web'] { mode => '0600' }
Notify { message => 'default message' }
notify { 'uses default': }
notify { 'overrides': message => 'own' }
[Notify['uses default'], Notify['overrides']] ~> Package['vim']
Package['vim'] <- Notify['standalone']
notify { 'standalone': }
