notify { 'v': message => [lookup('greeting'), lookup('aliased'), lookup('literal'), lookup('fact'), lookup('nested')] }
