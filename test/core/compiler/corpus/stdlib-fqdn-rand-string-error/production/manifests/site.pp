notify { 'n00': message => fqdn_rand_string(0) }
