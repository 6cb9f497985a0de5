notify { '01 get(undef, \'\')': message => get(undef, '') }
notify { '02 get(undef, \'0\')': message => get(undef, '0') }
notify { '03 get([undef], \'0\')': message => get([undef], '0') }
notify { '04 get({a => undef}, \'a\')': message => get({a => undef}, 'a') }
notify { '05 get([1], \'2\')': message => get([1], '2') }
notify { '06 get({a => 43}, \'b\')': message => get({a => 43}, 'b') }
notify { '07 get(undef, \'\', \'ok\')': message => get(undef, '', 'ok') }
notify { '08 get([undef], \'0\', \'ok\')': message => get([undef], '0', 'ok') }
notify { '09 get({a => undef}, \'a\', \'ok\')': message => get({a => undef}, 'a', 'ok') }
notify { '10 get([1], \'2\', \'ok\')': message => get([1], '2', 'ok') }
notify { '11 get(\'ok\', \'\')': message => get('ok', '') }
notify { '12 get([\'nope\', [\'ok\']], \'1.0\')': message => get(['nope', ['ok']], '1.0') }
notify { '13 get({a => \'nope\', b=> [\'ok\']}, \'b.0\')': message => get({a => 'nope', b=> ['ok']}, 'b.0') }
notify { '14 get({a => \'nope\', 0=> [\'ok\']}, \'0.0\')': message => get({a => 'nope', 0=> ['ok']}, '0.0') }
notify { '15 get({a => \'nope\', \'0\'=> [\'ok\']}, \'"0".0\')': message => get({a => 'nope', '0'=> ['ok']}, '"0".0') }
notify { '16 get({\'a.b\' => [\'nope\', [\'ok\']]}, \'"a.b".1.0\')': message => get({'a.b' => ['nope', ['ok']]}, '"a.b".1.0') }
notify { '17 get([\'nope\', /nah/], \'1.0\') |$err| { \'handled\' }': message => get(['nope', /nah/], '1.0') |$err| { 'handled' } }
