service { 'web': name => 'nginx' }
service { 'nginx': }
