node default {
  $var = "node_msg"
  include bar_bamama
  include foo
}
class bar_bamama {
}
class foo {
  $var = "foo_msg"
  include bar
}
class bar inherits bar_bamama {
  notify { 'something': message => inline_template("<%= @var %>"), }
}
