class foo
{
  notify { foo_notify: }
  include bar
}
class bar
{
  notify { bar_notify: }
}
