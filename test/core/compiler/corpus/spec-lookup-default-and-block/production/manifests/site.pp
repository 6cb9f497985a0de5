notify { 'd1': message => lookup('missing', undef, undef, 'default') }
notify { 'd2': message => lookup('missing') |$k| { "no ${k}" } }
notify { 'd3': message => lookup({ 'name' => 'missing', 'default_value' => 42 }) }
notify { 'd4': message => lookup(['missing', 'present']) }
notify { 'd5': message => lookup('missing', { 'default_value' => [] }) }
