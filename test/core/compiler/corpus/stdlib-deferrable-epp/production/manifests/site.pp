$v = stdlib::deferrable_epp('site/t.epp', {'name' => 'world'})
notify { 'epp': message => $v }
