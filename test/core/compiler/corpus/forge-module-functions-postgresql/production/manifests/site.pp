# puppetlabs-postgresql 6.7's postgresql_password, postgresql_escape and postgresql_acls_to_resources_hash.
notify { 'password': message => postgresql::postgresql_password('inventory', 'inv-pass') }
notify { 'password-integer': message => postgresql::postgresql_password('app', 1234) }
notify { 'escape-plain': message => postgresql::postgresql_escape('it is fine') }
notify { 'escape-dollars': message => postgresql::postgresql_escape('costs $$ and $') }
notify { 'escape-trailing': message => postgresql::postgresql_escape('ends with $') }
$acls = [
  'local all postgres ident',
  'host all all 10.0.0.0/8 md5',
  'host app app 10.0.1.0 255.255.255.0 md5 clientcert=1',
  'hostssl all all 0.0.0.0/0 cert map=ssl extra',
  'local all all peer map=local',
  'host all all 10.0.0.0/8 md5',
]
notify { 'acls': message => postgresql::postgresql_acls_to_resources_hash($acls, 'acl', 100) }
