notify { 'n00': message => fqdn_rotate(['a', 'b', 'c', 'd']) }
notify { 'n01': message => fqdn_rotate('abcdef') }
notify { 'n02': message => fqdn_rotate(['a', 'b', 'c'], 'seed') }
notify { 'n03': message => fqdn_rotate([]) }
notify { 'n04': message => fqdn_rotate(['x']) }
