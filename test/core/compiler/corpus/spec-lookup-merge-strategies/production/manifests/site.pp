notify { 'first': message => lookup('list') }
notify { 'unique': message => lookup('list', Array, 'unique') }
notify { 'hash': message => lookup('h', Hash, 'hash') }
notify { 'deep': message => lookup('h', Hash, 'deep') }
notify { 'deep-opts': message => lookup('h', { 'merge' => { 'strategy' => 'deep', 'merge_hash_arrays' => true } }) }
