notify { 'n00': message => bool2str('true') }
