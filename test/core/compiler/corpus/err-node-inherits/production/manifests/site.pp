node base { }
node 'web1.example.com' inherits base { }
