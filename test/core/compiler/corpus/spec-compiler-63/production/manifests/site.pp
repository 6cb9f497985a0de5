with() |String *$defaulted = hi| { notify { $defaulted[0]: } }
