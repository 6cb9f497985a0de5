$files = { '/tmp/a' => { 'mode' => '0600' }, '/tmp/b' => {} }
create_resources('file', $files, { 'owner' => 'root', 'mode' => '0644' })
define thing($v) { notify { "thing ${title}": message => $v } }
create_resources('thing', { 'x' => { 'v' => 1 } })
create_resources('@notify', { 'virtual one' => {} })
