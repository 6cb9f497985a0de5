define thing($v = 'x') { notify { "thing ${title} ${v}": } }
ensure_resource('thing', 'one', {'v' => 'y'})
ensure_resource('thing', 'one', {'v' => 'y'})
ensure_resource('thing', ['two', 'three'])
class c1 { ensure_resource('file', '/tmp/shared', {'ensure' => 'directory'}) }
class c2 { ensure_resource('file', '/tmp/shared', {'ensure' => 'directory'}) }
include c1, c2
