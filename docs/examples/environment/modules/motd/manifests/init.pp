# Message of the day, rendered from facts and the node's role.
class motd (
  String $owner,
  Optional[String] $role = undef,
) {
  file { '/etc/motd':
    ensure  => file,
    mode    => '0644',
    content => epp('motd/motd.epp', {
      'owner' => $owner,
      'role'  => $role,
    }),
  }
}
