notify { 'n00': message => num2bool('abc') }
