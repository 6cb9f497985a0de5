# Enum and Pattern flatten Array arguments (puppetlabs-postgresql: assert_type(Enum[$allowed_auth_methods], $auth_method)).
$allowed = ['md5', 'scram-sha-256', ['peer', 'ident']]
notify { 'enum': message => assert_type(Enum[$allowed], 'peer') }
notify { 'enum-mixed': message => 'trust' =~ Enum['trust', $allowed] }
notify { 'enum-miss': message => 'cert' =~ Enum[$allowed] }
notify { 'pattern': message => 'host42' =~ Pattern[['^host\d+$', '^db']] }
notify { 'type': message => String(Enum[$allowed]) }
