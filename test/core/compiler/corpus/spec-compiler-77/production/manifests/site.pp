Package { require => Class['bar'] }
class bar { }
class foo {
  package { 'python': }
  package { 'pip': require => Package['python'] }

  Package <| title == 'pip' |> {
    name     => "python-pip",
    category => undef,
  }
}
include foo
include bar
