notify { 'n00': message => fqdn_rand_string(10) }
notify { 'n01': message => fqdn_rand_string(8, 'ab') }
notify { 'n02': message => fqdn_rand_string(6, '', 'seed') }
notify { 'n03': message => fqdn_rand_string(5, 'xyz', 'more') }
