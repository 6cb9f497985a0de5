include stdlib
class early { notify { 'early': } }
class { 'early': stage => 'setup' }
notify { 'main': }
