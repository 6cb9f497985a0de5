notify { 'a': } -> 'not a resource'
