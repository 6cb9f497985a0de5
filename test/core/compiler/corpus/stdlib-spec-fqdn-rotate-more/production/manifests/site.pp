notify { 'n00': message => fqdn_rotate(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'x', 'y') }
notify { 'n01': message => fqdn_rotate('a') }
notify { 'n02': message => fqdn_rotate([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) }
