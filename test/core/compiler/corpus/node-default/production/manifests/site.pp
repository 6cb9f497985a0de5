$top = 'top value'
node 'other.example.com' { notify { 'exact': } }
node default { $in_node = 'node value' notify { 'default': message => "${top} ${in_node}" } }
