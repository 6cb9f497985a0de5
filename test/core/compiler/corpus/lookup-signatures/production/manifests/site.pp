notify { 'found': message => lookup('found') }
notify { 'default4': message => lookup('missing', undef, undef, 'dflt') }
notify { 'typed-default': message => lookup('missing', String, 'first', 'dflt2') }
notify { 'default-undef': message => "[${lookup('missing', undef, undef, undef)}]" }
notify { 'options-default': message => lookup('missing', { 'default_value' => 'from options' }) }
notify { 'name-in-options': message => lookup({ 'name' => 'missing', 'default_value' => 'from name hash' }) }
notify { 'names-array': message => lookup(['missing', 'found']) }
notify { 'block': message => lookup('missing') |$k| { "computed ${k}" } }
notify { 'block-found': message => lookup('found') |$k| { 'not used' } }
notify { 'values-hash': message => lookup('missing', { 'default_values_hash' => { 'missing' => 'dvh' }, 'default_value' => 'dv' }) }
notify { 'first': message => lookup('h') }
notify { 'hash-merge': message => lookup('h', Hash, 'hash') }
notify { 'deep-merge': message => lookup('h', { 'merge' => 'deep' }) }
notify { 'unique': message => lookup('arr', Array, 'unique') }
notify { 'value-type': message => lookup('num', { 'value_type' => Integer, 'default_value' => 0 }) }
notify { 'typed-found': message => lookup('num', Integer) }
