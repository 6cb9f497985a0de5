node default {
  $var = "node_msg"
  include bar_bamama
  include foo
}
class bar_bamama {
  $var = "Barbamama"
}
class foo {
  $var = "foo_msg"
  include bar
}
class bar inherits bar_bamama {
  notify { 'something': message => inline_template("<%= @var %>"), }
}
