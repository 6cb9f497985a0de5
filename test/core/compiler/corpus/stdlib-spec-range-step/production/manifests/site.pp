notify { 'n00': message => range(1, 2, 'foo') }
