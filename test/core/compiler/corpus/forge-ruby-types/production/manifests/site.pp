# Modules' Ruby types: the namevar is left out of the catalog where it equals the title (as to_data_hash does),
# kept where it differs; stdlib's anchor, concat's concat_file and concat_fragment.
gadget { '/srv/a': ensure => present, path => '/srv/a', size => 2 }
gadget { 'second': path => '/srv/b', colour => 'red' }
gadget { '/srv/c': colour => 'blue' }
anchor { 'begin': } -> anchor { 'end': name => 'end' }
concat { '/etc/motd': mode => '0644' }
concat::fragment { 'motd': target => '/etc/motd', content => "hello\n", order => '01' }
