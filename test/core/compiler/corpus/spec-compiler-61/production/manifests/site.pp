with() |String *$defaulted = 1| {}
