$trusted = 'changed'
notify { 'test': message => $trusted == 'changed' }
