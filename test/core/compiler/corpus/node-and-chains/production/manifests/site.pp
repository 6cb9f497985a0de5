node /^WEB1\.EXAMPLE/ { notify { 'upper regex': } }
node default { notify { 'default': } }
$late = 'assigned after node definitions'
notify { ['a', 'b']: } -> notify { ['c', 'd']: } ~> notify { 'e': }
Notify['e'] -> [Notify['z1'], Notify['z2']]
notify { ['z1', 'z2']: message => $late }
