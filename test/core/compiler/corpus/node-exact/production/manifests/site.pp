node 'web1.example.com' { notify { 'exact': } }
node /^web\d+/ { notify { 'regex': } }
node default { notify { 'default': } }
