node 'other.example.com', 'foo' { notify { 'exact': } }
node /^db(\d+)\./ { notify { "regex db ${1}": } }
node /^web(\d+)\.example/ { notify { "regex web": message => $1 } }
node default { notify { 'default': } }
