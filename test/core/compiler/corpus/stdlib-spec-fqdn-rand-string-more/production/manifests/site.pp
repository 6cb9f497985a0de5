notify { 'n00': message => fqdn_rand_string(1) }
notify { 'n01': message => fqdn_rand_string(12, undef, 'a', 'b') }
notify { 'n02': message => fqdn_rand_string('5') }
notify { 'n03': message => fqdn_rand_string(3, 'é€') }
