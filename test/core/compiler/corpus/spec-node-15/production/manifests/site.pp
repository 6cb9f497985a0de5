node name { }
node 'name' { }
