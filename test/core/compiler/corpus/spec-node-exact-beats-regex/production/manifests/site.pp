node /web/ { notify { 'regex': } }
node 'web1.example.com' { notify { 'exact': } }
