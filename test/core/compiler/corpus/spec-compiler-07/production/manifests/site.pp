notify { 'test': message => $server_facts[server_fact] }
