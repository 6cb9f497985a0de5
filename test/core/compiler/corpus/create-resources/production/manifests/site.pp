$users = { 'u1' => { 'uid' => 1 }, 'u2' => { 'uid' => 2, 'shell' => '/bin/sh' } }
create_resources('user', $users, { 'shell' => '/bin/bash', 'ensure' => 'present' })
define thing($v = 'd') { notify { "thing ${title} ${v}": } }
create_resources(thing, { 't1' => {}, 't2' => { 'v' => 'x' } })
