$users = {
  'alice' => { 'uid' => 1001, 'groups' => ['admin'] },
  'bob'   => { 'uid' => 1002, 'shell' => '/bin/zsh' },
}
$defaults = { 'shell' => '/bin/bash', 'managehome' => true }
$users.each |$name, $attrs| {
  user { $name:
    * => $defaults + $attrs,
  }
}
create_resources('group', { 'admin' => { 'gid' => 500 }, 'dev' => {} }, { 'ensure' => 'present' })
