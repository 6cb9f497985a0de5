Notify { message => 'default msg', withpath => true }
notify { 'a': }
notify { 'b': message => 'own' }
notify { 'c': withpath => false }
