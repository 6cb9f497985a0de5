node 'db1.example.com', 'web1.example.com' { notify { 'multi': message => $trusted['certname'] } }
node default { notify { 'default': } }
